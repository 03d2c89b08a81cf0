import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import { pageOf, type InviteView, type ListInvitesQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { PROJECTIONS, type Filter, type ProjectionHost } from '#libs/read-models';
import type { PortcullisConfig } from '#libs/config';
import { IDENTITY_CONFIG } from '../../identity.tokens.js';
import { toInviteView, type InviteDoc } from '#libs/projections';

@Injectable()
export class ListInvitesHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async execute(query: ListInvitesQuery, context: RequestContext): Promise<ListResponse<InviteView>> {
    await this.projections.waitFor(context.minPosition);
    const now = new Date(this.config.clock()).toISOString();
    const orgId = requireOrg(context);
    // "expired" and "pending" are one stored status told apart by the expiry time.
    const status = query.status === 'expired' ? 'pending' : query.status;
    const where: Filter = {
      ...(query.role ? { role: query.role } : {}),
      ...(query.status === 'expired' ? { expiresAt: { $lte: now } } : query.status === 'pending' ? { expiresAt: { $gt: now } } : {}),
    };
    // The most selective index the query allows; the rest is checked within its range.
    const [index, eq] = query.email
      ? (['byEmail', { orgId, email: query.email }] as const)
      : status
        ? (['byStatus', { orgId, status }] as const)
        : query.role
          ? (['byRole', { orgId, role: query.role }] as const)
          : (['byOrg', { orgId }] as const);
    if (query.email && status) Object.assign(where, { status });
    const { skip, limit } = pageOf(query.pageSize, query.currentPage);
    const { total, docs } = await this.projections.collection<InviteDoc>('invites').find(index, { eq, where, skip, limit });
    return { object: 'list', total, data: docs.map((d) => toInviteView(d, now)) };
  }
}
