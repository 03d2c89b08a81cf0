import { DomainError } from '#libs/contracts';

/** Missing providers (and virtual keys) are 404 AB08: Terraform drops a provider from state on 404. */
export const providerNotFound = (ref: string, what = 'provider') =>
  new DomainError('KEYS.PROVIDER_NOT_FOUND', `${what} ${ref} was not found`, 404, { [what === 'provider' ? 'provider' : 'virtual_key']: ref, errorCode: 'AB08' });
export const providerExists = (id: string) => new DomainError('KEYS.PROVIDER_EXISTS', `provider ${id} already exists`, 409);
export const workspaceRequired = (what: string) =>
  new DomainError('KEYS.WORKSPACE_REQUIRED', `workspace_id is required when an admin key ${what}`, 400, { field: 'workspace_id' });
export const ambiguousSlug = (slug: string) =>
  new DomainError('KEYS.AMBIGUOUS_SLUG', `workspace_id: several workspaces hold a provider with the slug ${slug}; name the workspace`, 400, { field: 'workspace_id' });
export const keyBelongsToIntegration = (slug: string) =>
  new DomainError('KEYS.KEY_ON_INTEGRATION', `key: this virtual key uses the shared integration ${slug}; change its key there`, 400, { field: 'key' });
