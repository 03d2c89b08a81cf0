import { describe, expect, it } from '@jest/globals';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { DomainError } from '#libs/contracts';
import { describe as describeError } from './error-envelope.filter.js';

describe('Portkey error envelope mapping', () => {
  it.each([
    [new DomainError('X.INVALID', 'bad', 400), 400, 'AB01'],
    [new DomainError('X.DENIED', 'no', 403), 403, 'AB03'],
    [new DomainError('X.MISSING', 'gone', 404), 404, 'AB08'],
    [new DomainError('X.TAKEN', 'dup', 409), 409, 'AB07'],
    [new DomainError('X.SLOW', 'later', 429), 429, 'AB06'],
    [new DomainError('RPC.TIMEOUT', 'slow', 503), 503, 'AB04'],
    [new BadRequestException('nope'), 400, 'AB01'],
    [new NotFoundException(), 404, 'AB08'],
  ])('%s → %i %s', (error, status, code) => {
    expect(describeError(error)).toMatchObject({ status, code });
  });

  it('client mistakes caught by fastify (oversized body, bad JSON) are 400 AB01, never 500', () => {
    expect(describeError({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE', message: 'x' })).toEqual({
      status: 400,
      code: 'AB01',
      message: 'request body is too large',
    });
    expect(describeError({ statusCode: 400, code: 'INVALID_JSON', message: 'request body is not valid JSON' }).code).toBe('AB01');
  });

  it('unknown failures are 500 AB04 without their message', () => {
    expect(describeError(new Error('secret stack detail'))).toEqual({ status: 500, code: 'AB04', message: 'internal error' });
  });

  it('a domain error may name its Portkey code explicitly', () => {
    expect(describeError(new DomainError('X.FOREIGN', 'not yours', 404, { errorCode: 'AB03' })).code).toBe('AB03');
  });
});
