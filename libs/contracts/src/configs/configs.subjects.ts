import { ns } from '../common/namespace.js';

export const ConfigsSubjects = {
  create: ns('workspaces.config.create'),
  list: ns('workspaces.configs.list'),
  get: ns('workspaces.configs.get'),
  versions: ns('workspaces.configs.versions'),
  update: ns('workspaces.config.update'),
  delete: ns('workspaces.config.delete'),
  /** Internal, for the completions path: a workspace's config body by slug or id (system callers only). */
  resolveForCompletion: ns('workspaces.configs.resolveForCompletion'),
} as const;
