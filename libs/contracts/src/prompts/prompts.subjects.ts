import { ns } from '../common/namespace.js';

/** Prompt collections (workspaces service). */
export const CollectionsSubjects = {
  create: ns('workspaces.collection.create'),
  list: ns('workspaces.collections.list'),
  get: ns('workspaces.collections.get'),
  update: ns('workspaces.collection.update'),
  delete: ns('workspaces.collection.delete'),
} as const;

/** Prompts and their immutable versions (workspaces service). */
export const PromptsSubjects = {
  create: ns('workspaces.prompt.create'),
  list: ns('workspaces.prompts.list'),
  get: ns('workspaces.prompts.get'),
  update: ns('workspaces.prompt.update'),
  delete: ns('workspaces.prompt.delete'),
  listVersions: ns('workspaces.promptVersions.list'),
  getVersion: ns('workspaces.promptVersions.get'),
  labelVersion: ns('workspaces.prompt.labelVersion'),
  publish: ns('workspaces.prompt.publish'),
  render: ns('workspaces.prompts.render'),
  /** The completions path: render, plus the prompt's slug, version id and virtual key. */
  renderForCompletion: ns('workspaces.prompts.renderForCompletion'),
} as const;

/** Prompt partials (workspaces service). */
export const PromptPartialsSubjects = {
  create: ns('workspaces.promptPartial.create'),
  list: ns('workspaces.promptPartials.list'),
  get: ns('workspaces.promptPartials.get'),
  update: ns('workspaces.promptPartial.update'),
  delete: ns('workspaces.promptPartial.delete'),
  listVersions: ns('workspaces.promptPartialVersions.list'),
  publish: ns('workspaces.promptPartial.publish'),
} as const;

/** Prompt labels (workspaces service). */
export const LabelsSubjects = {
  create: ns('workspaces.label.create'),
  list: ns('workspaces.labels.list'),
  get: ns('workspaces.labels.get'),
  update: ns('workspaces.label.update'),
  delete: ns('workspaces.label.delete'),
} as const;
