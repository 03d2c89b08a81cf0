import { Inject, Injectable } from '@nestjs/common';
import type { OrgMemberRef, OrgMemberView, RequestContext } from '#libs/contracts';
import { findOrgMember } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

/** Internal: a user's role in an organisation, or null. */
@Injectable()
export class GetOrgMemberHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(ref: OrgMemberRef, context: RequestContext): Promise<OrgMemberView | null> {
    await this.projections.waitFor(context.minPosition);
    const doc = await findOrgMember(this.projections, ref.orgId, ref.userId);
    return doc && { orgId: doc.orgId, userId: doc.userId, role: doc.role, email: doc.email };
  }
}
