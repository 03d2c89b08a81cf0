import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { OrgMemberRef, OrgMemberView, RequestContext } from '#libs/contracts';
import { findOrgMember } from '#libs/projections';
import { MONGO_CONNECTION, PROJECTIONS, type ProjectionHost } from '#libs/read-models';

/** Internal: a user's role in an organisation, or null. */
@Injectable()
export class GetOrgMemberHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(ref: OrgMemberRef, context: RequestContext): Promise<OrgMemberView | null> {
    await this.projections.waitFor(context.minPosition);
    const doc = await findOrgMember(this.db, ref.orgId, ref.userId);
    return doc && { orgId: doc.orgId, userId: doc.userId, role: doc.role, email: doc.email };
  }
}
