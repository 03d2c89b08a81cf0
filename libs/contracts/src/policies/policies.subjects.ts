import { ns } from '../common/namespace.js';

/** Usage-limits and rate-limits policies (reference §2.15), in the workspaces service. */
export const PoliciesSubjects = {
  create: ns('workspaces.policy.create'),
  list: ns('workspaces.policies.list'),
  get: ns('workspaces.policies.get'),
  update: ns('workspaces.policy.update'),
  delete: ns('workspaces.policy.delete'),
} as const;
