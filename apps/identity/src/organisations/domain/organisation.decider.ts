import { PersistentMap, type Decider } from '#libs/event-store';
import type { IdentityEvents } from '#libs/contracts';
import { alreadyAMember, lastOwner, notAMember, organisationExists, organisationMissing } from './organisation.errors.js';

type OrgRole = IdentityEvents.OrgRole;

export type OrganisationEvent =
  | { type: 'OrganisationCreated'; data: IdentityEvents.OrganisationCreated }
  | { type: 'OrgMemberAdded'; data: IdentityEvents.OrgMemberAdded }
  | { type: 'OrgMemberRoleChanged'; data: IdentityEvents.OrgMemberRoleChanged }
  | { type: 'OrgMemberRemoved'; data: IdentityEvents.OrgMemberRemoved };

export interface NewMember {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: OrgRole;
}

export type OrganisationCommand =
  | { type: 'CreateOrganisation'; orgId: string; name: string; owner: NewMember; at: string }
  | { type: 'AddOrgMember'; orgId: string; member: NewMember; at: string }
  | { type: 'ChangeOrgMemberRole'; orgId: string; userId: string; role: OrgRole; at: string }
  | { type: 'RemoveOrgMember'; orgId: string; userId: string; at: string };

export interface OrganisationState {
  exists: boolean;
  /** Persistent: an organisation may have 100,000 members, and each event changes one. */
  members: PersistentMap<{ role: OrgRole; email: string }>;
  /** How many members are owners (the one invariant that spans members), kept as events apply. */
  owners: number;
}

const isOwner = (m: { role: OrgRole } | undefined) => (m?.role === 'owner' ? 1 : 0);

/** Organisation membership and its one invariant that spans members: an owner always remains. */
export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: () => ({ exists: false, members: PersistentMap.empty(), owners: 0 }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateOrganisation': {
        if (state.exists) throw organisationExists(command.orgId);
        return [
          { type: 'OrganisationCreated', data: { orgId: command.orgId, name: command.name, createdAt: command.at } },
          { type: 'OrgMemberAdded', data: { orgId: command.orgId, ...command.owner, role: 'owner', at: command.at } },
        ];
      }
      case 'AddOrgMember': {
        if (!state.exists) throw organisationMissing(command.orgId);
        if (state.members.has(command.member.userId)) throw alreadyAMember(command.member.userId);
        return [{ type: 'OrgMemberAdded', data: { orgId: command.orgId, ...command.member, at: command.at } }];
      }
      case 'ChangeOrgMemberRole': {
        const member = state.members.get(command.userId);
        if (!member) throw notAMember(command.userId);
        if (member.role === command.role) return [];
        if (member.role === 'owner' && state.owners === 1) throw lastOwner();
        return [
          {
            type: 'OrgMemberRoleChanged',
            data: { orgId: command.orgId, userId: command.userId, role: command.role, previousRole: member.role, at: command.at },
          },
        ];
      }
      case 'RemoveOrgMember': {
        const member = state.members.get(command.userId);
        if (!member) throw notAMember(command.userId);
        if (member.role === 'owner' && state.owners === 1) throw lastOwner();
        return [{ type: 'OrgMemberRemoved', data: { orgId: command.orgId, userId: command.userId, email: member.email, at: command.at } }];
      }
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'OrganisationCreated':
        return { ...state, exists: true };
      case 'OrgMemberAdded': {
        const { userId, role, email } = event.data;
        const owners = state.owners - isOwner(state.members.get(userId)) + isOwner({ role });
        return { ...state, members: state.members.set(userId, { role, email }), owners };
      }
      case 'OrgMemberRoleChanged': {
        const { userId, role } = event.data;
        const member = state.members.get(userId)!;
        return { ...state, members: state.members.set(userId, { ...member, role }), owners: state.owners - isOwner(member) + isOwner({ role }) };
      }
      case 'OrgMemberRemoved': {
        const { userId } = event.data;
        return { ...state, members: state.members.delete(userId), owners: state.owners - isOwner(state.members.get(userId)) };
      }
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
