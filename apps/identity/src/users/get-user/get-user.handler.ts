import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext, UserView } from '#libs/contracts';
import { findOrgMemberFresh } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { notAMember } from '../../organisations/domain/organisation.errors.js';
import { requireOrg } from '#libs/authz';
import { toUserView } from '../read-models/user.view.js';

@Injectable()
export class GetUserHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(userId: string, context: RequestContext): Promise<UserView> {
    await this.projections.waitFor(context.minPosition);
    const doc = await findOrgMemberFresh(this.projections, requireOrg(context), userId);
    if (!doc) throw notAMember(userId);
    return toUserView(doc);
  }
}
