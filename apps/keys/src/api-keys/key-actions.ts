import type { ApiKeyType } from '#libs/contracts';

const RESOURCE: Record<ApiKeyType, string> = {
  'organisation-service': 'organisation_service_api_keys',
  'workspace-service': 'workspace_service_api_keys',
  'workspace-user': 'workspace_user_api_keys',
};

/** The scope an operation on a key of this type needs (reference §2.5 "Who may call"). */
export function keyAction(type: ApiKeyType, verb: 'create' | 'read' | 'update' | 'delete' | 'list' | 'rotate'): string {
  return `${RESOURCE[type]}.${verb}`;
}

/** `/api-keys/{type}/{sub-type}` → key type; the three valid pairs only. */
export function keyTypeOf(type: string, subType: string): ApiKeyType | undefined {
  if (type === 'organisation' && subType === 'service') return 'organisation-service';
  if (type === 'workspace' && subType === 'service') return 'workspace-service';
  if (type === 'workspace' && subType === 'user') return 'workspace-user';
  return undefined;
}
