import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type CommandResult, type CreatedOrganisation, type CreateOrganisationRequest, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { RpcClient } from '#libs/messaging';
import { provisionOrganisation } from '../provision-organisation.js';

/**
 * Internal (`portcullis org create`): organisations are isolated tenants of one deployment.
 * There is no public route: only a process on the bus (the CLI) may call this.
 */
@Injectable()
export class CreateOrganisationHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rpc: RpcClient,
  ) {}

  async execute(request: CreateOrganisationRequest, context: RequestContext): Promise<CommandResult<CreatedOrganisation>> {
    if (context.principal?.kind !== 'system') throw new DomainError('IDENTITY.INTERNAL_ONLY', 'organisations are created with the portcullis CLI', 403);
    const plan = { orgId: randomUUID(), ownerUserId: randomUUID(), workspaceId: randomUUID(), at: new Date().toISOString() };
    const { key } = await provisionOrganisation(this.store, this.rpc, plan, { name: request.name, ownerEmail: request.owner_email, returnSecret: true });
    return {
      data: { organisation_id: plan.orgId, owner_user_id: plan.ownerUserId, default_workspace_id: plan.workspaceId, admin_key: key! },
      position: await this.store.headPosition(),
    };
  }
}
