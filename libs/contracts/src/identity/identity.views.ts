export type OrgRole = 'owner' | 'admin' | 'member';

/** `User` on the wire (reference §2.1). */
export interface UserView {
  object: 'user';
  id: string;
  first_name: string;
  last_name: string;
  role: OrgRole;
  email: string;
  status: 'active';
  created_at: string;
  last_updated_at: string;
  updated_at: string;
  workspace_ids: string[];
}

export type InviteStatus = 'pending' | 'cancelled' | 'accepted' | 'expired';

/** `Invite` on the wire (reference §2.2). */
export interface InviteView {
  object: 'invite';
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: InviteStatus;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  invited_by: string;
  workspaces: Array<{ id: string; role: 'admin' | 'manager' | 'member' }>;
  workspace_api_key_details: { scopes: string[] } | null;
}

export interface CreatedInvite {
  id: string;
  invite_link: string;
}

/** What accepting an invite returns: the user and one workspace-user key per invited workspace. */
export interface AcceptedInvite {
  object: 'user';
  id: string;
  email: string;
  role: OrgRole;
  api_keys: Array<{ id: string; key: string; workspace_id: string; type: 'workspace-user' }>;
}

export interface OrgMemberView {
  orgId: string;
  userId: string;
  role: OrgRole;
  email: string;
}

export interface CreatedOrganisation {
  organisation_id: string;
  owner_user_id: string;
  default_workspace_id: string;
  /** The new organisation's master admin key, shown once. */
  admin_key: string;
}
