import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { emailReservationDecider, type EmailReservationEvent } from './email-reservation.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const reservedByInvite: EmailReservationEvent = {
  type: 'EmailReserved',
  data: { orgId: 'o', holder: { kind: 'invite', id: 'i-1' }, expiresAt: '2026-01-08T00:00:00.000Z', at },
};
const spec = deciderSpec(emailReservationDecider);

describe('email reservation decider', () => {
  it('a second pending invite for the same email is refused', () => {
    spec
      .given([reservedByInvite])
      .when({ type: 'ReserveEmail', orgId: 'o', holder: { kind: 'invite', id: 'i-2' }, expiresAt: null, at })
      .thenThrows({ code: 'IDENTITY.INVITE_PENDING', status: 409 });
  });

  it('an expired invite no longer holds the email', () => {
    spec
      .given([reservedByInvite])
      .when({ type: 'ReserveEmail', orgId: 'o', holder: { kind: 'invite', id: 'i-2' }, expiresAt: '2026-02-01T00:00:00.000Z', at: '2026-01-09T00:00:00.000Z' })
      .then([
        {
          type: 'EmailReserved',
          data: { orgId: 'o', holder: { kind: 'invite', id: 'i-2' }, expiresAt: '2026-02-01T00:00:00.000Z', at: '2026-01-09T00:00:00.000Z' },
        },
      ]);
  });

  it('the invite being accepted hands the email to its user', () => {
    spec
      .given([reservedByInvite])
      .when({ type: 'ReserveEmail', orgId: 'o', holder: { kind: 'user', id: 'u-1' }, expiresAt: null, replaces: 'i-1', at })
      .then([{ type: 'EmailReserved', data: { orgId: 'o', holder: { kind: 'user', id: 'u-1' }, expiresAt: null, at } }]);
  });

  it('a member holds the email; only their own release frees it', () => {
    const member: EmailReservationEvent = { type: 'EmailReserved', data: { orgId: 'o', holder: { kind: 'user', id: 'u-1' }, expiresAt: null, at } };
    spec.given([member]).when({ type: 'ReserveEmail', orgId: 'o', holder: { kind: 'invite', id: 'i-3' }, expiresAt: null, at }).thenThrows({ code: 'IDENTITY.USER_EXISTS' });
    spec.given([member]).when({ type: 'ReleaseEmail', orgId: 'o', holderId: 'someone-else', at }).then([]);
    spec.given([member]).when({ type: 'ReleaseEmail', orgId: 'o', holderId: 'u-1', at }).then([
      { type: 'EmailReleased', data: { orgId: 'o', holderId: 'u-1', at } },
    ]);
  });
});
