import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { ns } from '../common/namespace.js';

/**
 * Cross-service questions about what workspace resources refer to, and who refers to them
 * (validation of a config's targets, 409 AB07 on deleting something in use).
 */
export const ReferenceSubjects = {
  /** keys: which of these virtual-key / provider slugs (or ids) do not exist in the workspace. */
  missingProviderRefs: ns('keys.providerRefs.missing'),
  /** workspaces (configs): configs whose body names this virtual key or provider. */
  configsUsingProvider: ns('workspaces.configs.usingProvider'),
  /** workspaces (prompts): prompt versions that name this virtual key or provider. */
  promptsUsingProvider: ns('workspaces.prompts.usingProvider'),
  /** keys: API keys whose `defaults.config_id` is this config. */
  keysUsingConfig: ns('keys.apiKeys.usingConfig'),
} as const;

export interface MissingProviderRefsRequest {
  orgId: string;
  workspaceId: string;
  virtualKeys: string[];
  providers: string[];
}

export interface MissingProviderRefsReply {
  virtualKeys: string[];
  providers: string[];
}

export interface RefUsersRequest {
  orgId: string;
  workspaceId: string;
  /** Every spelling the resource may be named by (slug and id). */
  refs: string[];
}

/** Something that refers to the resource: named in the 409 that refuses its deletion. */
export interface RefUser {
  type: string;
  id: string;
  name?: string;
}

export interface RefUsersReply {
  users: RefUser[];
}

/** The validated RPC form of `RefUsersRequest`. */
export class RefUsersQuery implements RefUsersRequest {
  @IsString() @MaxLength(128) orgId!: string;
  @IsString() @MaxLength(128) workspaceId!: string;
  @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) refs!: string[];
}

/** How a 409 names what still refers to a resource: `api_key pinned (e1818e24-…)`. */
export function describeRefUsers(users: readonly RefUser[]): string {
  return users.map((u) => `${u.type} ${u.name && u.name !== u.id ? `${u.name} (${u.id})` : u.id}`).join(', ');
}
