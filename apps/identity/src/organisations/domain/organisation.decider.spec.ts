import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { organisationDecider, type OrganisationEvent } from './organisation.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const orgId = 'org-1';
const owner = { userId: 'u-owner', email: 'o@x.io', firstName: 'O', lastName: 'W', role: 'owner' as const };
const created: OrganisationEvent[] = [
  { type: 'OrganisationCreated', data: { orgId, name: 'Acme', createdAt: at } },
  { type: 'OrgMemberAdded', data: { orgId, ...owner, at } },
];
const admin: OrganisationEvent = { type: 'OrgMemberAdded', data: { orgId, userId: 'u-admin', email: 'a@x.io', firstName: 'A', lastName: 'D', role: 'admin', at } };
const spec = deciderSpec(organisationDecider);

describe('organisation decider', () => {
  it('creating an organisation makes its first user the owner', () => {
    spec.given([]).when({ type: 'CreateOrganisation', orgId, name: 'Acme', owner, at }).then(created);
  });

  it('an organisation cannot be created twice', () => {
    spec.given(created).when({ type: 'CreateOrganisation', orgId, name: 'Acme', owner, at }).thenThrows({ code: 'IDENTITY.ORGANISATION_EXISTS' });
  });

  it('the last owner cannot be demoted', () => {
    spec.given(created).when({ type: 'ChangeOrgMemberRole', orgId, userId: 'u-owner', role: 'member', at }).thenThrows({ code: 'IDENTITY.LAST_OWNER', status: 409 });
  });

  it('the last owner cannot be removed', () => {
    spec.given(created).when({ type: 'RemoveOrgMember', orgId, userId: 'u-owner', at }).thenThrows({ code: 'IDENTITY.LAST_OWNER' });
  });

  it('a role change records the previous role; the same role changes nothing', () => {
    spec
      .given([...created, admin])
      .when({ type: 'ChangeOrgMemberRole', orgId, userId: 'u-admin', role: 'member', at })
      .then([{ type: 'OrgMemberRoleChanged', data: { orgId, userId: 'u-admin', role: 'member', previousRole: 'admin', at } }]);
    spec.given([...created, admin]).when({ type: 'ChangeOrgMemberRole', orgId, userId: 'u-admin', role: 'admin', at }).then([]);
  });

  it('adding an existing member is refused; removing a stranger is a 404', () => {
    spec.given([...created, admin]).when({ type: 'AddOrgMember', orgId, member: { ...admin.data }, at }).thenThrows({ code: 'IDENTITY.ALREADY_A_MEMBER' });
    spec.given(created).when({ type: 'RemoveOrgMember', orgId, userId: 'nobody', at }).thenThrows({ code: 'IDENTITY.USER_NOT_FOUND', status: 404 });
  });

  it('removing a member records their email (so the reservation can be released)', () => {
    spec
      .given([...created, admin])
      .when({ type: 'RemoveOrgMember', orgId, userId: 'u-admin', at })
      .then([{ type: 'OrgMemberRemoved', data: { orgId, userId: 'u-admin', email: 'a@x.io', at } }]);
  });
});
