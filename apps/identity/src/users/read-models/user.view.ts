import type { UserView } from '#libs/contracts';
import type { OrgMemberDoc } from '#libs/projections';

export function toUserView(doc: OrgMemberDoc): UserView {
  return {
    object: 'user',
    id: doc.userId,
    first_name: doc.firstName,
    last_name: doc.lastName,
    role: doc.role,
    email: doc.email,
    status: 'active',
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    updated_at: doc.lastUpdatedAt,
    workspace_ids: doc.workspaceIds,
  };
}
