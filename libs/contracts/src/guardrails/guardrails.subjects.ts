import { ns } from '../common/namespace.js';

export const GuardrailsSubjects = {
  create: ns('workspaces.guardrail.create'),
  list: ns('workspaces.guardrails.list'),
  get: ns('workspaces.guardrails.get'),
  versions: ns('workspaces.guardrails.versions'),
  update: ns('workspaces.guardrail.update'),
  delete: ns('workspaces.guardrail.delete'),
} as const;
