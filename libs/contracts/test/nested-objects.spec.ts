import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AddMembersBody, CreateApiKeyBody } from '../src/index.js';

// class-validator's @ValidateNested validates an array's items, so an array where one object is
// expected (or arrays of arrays where a list of objects is) passed validation and reached the
// handlers (found by test/e2e/free-form-fuzz: `{"users": [[]]}` answered 500). Every nested
// field is now @IsObject as well.
const problems = async (type: new () => object, plain: unknown) => (await validate(plainToInstance(type, plain) as object)).map((e) => e.property);

describe('nested DTO fields take objects, not arrays', () => {
  it('refuses arrays of arrays where a list of objects is expected', async () => {
    expect(await problems(AddMembersBody, { users: [[]] })).toEqual(['users']);
    expect(await problems(AddMembersBody, { users: [[{ id: 'u', workspace_role: 'member' }]] })).toEqual(['users']);
    expect(await problems(CreateApiKeyBody, { name: 'k', scopes: [], rate_limits: [[]] })).toContain('rate_limits');
  });

  it('refuses an array where one object is expected', async () => {
    expect(await problems(CreateApiKeyBody, { name: 'k', scopes: [], usage_limits: [] })).toContain('usage_limits');
    expect(await problems(CreateApiKeyBody, { name: 'k', scopes: [], defaults: [{}] })).toContain('defaults');
  });

  it('still takes the objects it should', async () => {
    expect(await problems(CreateApiKeyBody, { name: 'k', scopes: [], usage_limits: { credit_limit: 10 } })).not.toContain('usage_limits');
  });
});
