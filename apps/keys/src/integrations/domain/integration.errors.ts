import { DomainError, type RefUser } from '#libs/contracts';

export const integrationNotFound = (ref: string) =>
  new DomainError('KEYS.INTEGRATION_NOT_FOUND', `integration ${ref} was not found`, 404, { integration: ref, errorCode: 'AB08' });
export const integrationExists = (id: string) => new DomainError('KEYS.INTEGRATION_EXISTS', `integration ${id} already exists`, 409);
export const notAnOrganisationIntegration = (slug: string) =>
  new DomainError('KEYS.NOT_ORGANISATION_INTEGRATION', `integration ${slug} belongs to one workspace; workspace access applies to organisation integrations only`, 400);
export const integrationNotEnabled = (slug: string, workspace: string) =>
  new DomainError('KEYS.INTEGRATION_NOT_ENABLED', `integration_id: integration ${slug} is not enabled for workspace ${workspace}`, 400, { integration: slug, workspace });
export const tooManyModels = (max: number) => new DomainError('KEYS.TOO_MANY_MODELS', `models: an integration holds at most ${max} models`, 400);
export const invalidIntegration = (message: string) => new DomainError('KEYS.INVALID_INTEGRATION', message, 400);

/** 409 AB07 naming what still uses the resource. */
export const inUse = (what: string, ref: string, users: RefUser[], total = users.length) =>
  new DomainError(
    'KEYS.IN_USE',
    `${what} ${ref} is in use by ${users
      .slice(0, 5)
      .map((u) => `${u.type} ${u.name ? `${u.name} (${u.id})` : u.id}`)
      .join(', ')}${total > 5 ? ` and ${total - 5} more` : ''}; remove those references first`,
    409,
    { errorCode: 'AB07', users: users.slice(0, 20), total },
  );
