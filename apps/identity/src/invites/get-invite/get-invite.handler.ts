import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import type { InviteView, RequestContext } from '#libs/contracts';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import type { PortcullisConfig } from '#libs/config';
import { IDENTITY_CONFIG } from '../../identity.tokens.js';
import { inviteNotFound } from '../domain/invite.errors.js';
import { toInviteView, type InviteDoc } from '#libs/projections';

@Injectable()
export class GetInviteHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async execute(inviteId: string, context: RequestContext): Promise<InviteView> {
    await this.projections.waitFor(context.minPosition);
    const doc = await this.projections.collection<InviteDoc>('invites').get(inviteId);
    if (!doc || doc.orgId !== requireOrg(context)) throw inviteNotFound(inviteId);
    return toInviteView(doc, new Date(this.config.clock()).toISOString());
  }
}
