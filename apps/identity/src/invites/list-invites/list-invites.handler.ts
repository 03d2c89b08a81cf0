import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { requireOrg } from '#libs/authz';
import { pageOf, type InviteView, type ListInvitesQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { MONGO_CONNECTION, PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import type { PortcullisConfig } from '#libs/config';
import { IDENTITY_CONFIG } from '../../identity.tokens.js';
import { toInviteView, type InviteDoc } from '#libs/projections';

@Injectable()
export class ListInvitesHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async execute(query: ListInvitesQuery, context: RequestContext): Promise<ListResponse<InviteView>> {
    await this.projections.waitFor(context.minPosition);
    const now = new Date(this.config.clock()).toISOString();
    const filter: Record<string, unknown> = { orgId: requireOrg(context) };
    if (query.role) filter.role = query.role;
    if (query.email) filter.email = query.email;
    if (query.status === 'expired') Object.assign(filter, { status: 'pending', expiresAt: { $lte: now } });
    else if (query.status === 'pending') Object.assign(filter, { status: 'pending', expiresAt: { $gt: now } });
    else if (query.status) filter.status = query.status;
    const { skip, limit } = pageOf(query.pageSize, query.currentPage);
    const invites = this.db.collection<InviteDoc>('invites');
    const [total, docs] = await Promise.all([
      invites.countDocuments(filter),
      invites.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(limit).toArray(),
    ]);
    return { object: 'list', total, data: docs.map((d) => toInviteView(d, now)) };
  }
}
