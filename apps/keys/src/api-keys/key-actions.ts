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
