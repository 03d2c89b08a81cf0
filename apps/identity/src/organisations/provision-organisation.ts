import { DomainError, KeysSubjects, WorkspacesSubjects, type RequestContext } from '#libs/contracts';
import { handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, type RpcClient } from '#libs/messaging';
import { emailReservationDecider } from '../invites/domain/email-reservation.decider.js';
import { Streams } from '../streams.js';
import { registerUser } from '../users/register-user.js';
import { organisationDecider } from './domain/organisation.decider.js';

export interface OrganisationPlan {
  orgId: string;
  ownerUserId: string;
  workspaceId: string;
  at: string;
}

/**
 * An organisation, its owner, its default workspace and its master admin key. Every step is
 * idempotent for a given plan, so a provisioning cut short is finished by running it again.
 */
export async function provisionOrganisation(
  store: EventStore,
  rpc: RpcClient,
  plan: OrganisationPlan,
  organisation: { name: string; ownerEmail: string; returnSecret: boolean },
): Promise<{ key?: string }> {
  const context: RequestContext = {
    requestId: `provision-${plan.orgId}`,
    correlationId: `provision-${plan.orgId}`,
    principal: { kind: 'system' },
    occurredAt: plan.at,
  };
  const { metadata, at } = commandMeta(context, { orgId: plan.orgId });
  const email = organisation.ownerEmail;
  const { userId } = await registerUser(store, { email, firstName: 'Owner', lastName: '', userId: plan.ownerUserId }, metadata, at);
  try {
    await handleCommand(
      store,
      Streams.org(plan.orgId),
      organisationDecider,
      { type: 'CreateOrganisation', orgId: plan.orgId, name: organisation.name, owner: { userId, email, firstName: 'Owner', lastName: '', role: 'owner' }, at },
      { metadata },
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'IDENTITY.ORGANISATION_EXISTS')) throw error;
  }
  const reserved = await handleCommand(
    store,
    Streams.orgEmail(plan.orgId, email),
    emailReservationDecider,
    { type: 'ReserveEmail', orgId: plan.orgId, holder: { kind: 'user', id: userId }, expiresAt: null, at },
    { metadata },
  );
  const internal = { ...context, minPosition: reserved.position };
  await rpc.call(
    WorkspacesSubjects.create,
    { name: 'Default', description: 'The default workspace', workspaceId: plan.workspaceId, orgId: plan.orgId, isDefault: true },
    internal,
  );
  const master = await rpc.call<{ data: { key?: string } }>(
    KeysSubjects.ensureMasterKey,
    { orgId: plan.orgId, ownerUserId: userId, returnSecret: organisation.returnSecret },
    internal,
  );
  return { key: master.data.key };
}
