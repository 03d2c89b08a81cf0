import type { PromptVersionContent, StoredVersionContent } from './prompts.events.js';

/** A version's content as events store it (free-form fields as JSON text). */
export function encodeVersionContent(c: PromptVersionContent): StoredVersionContent {
  const { parameters, functions, tools, toolChoice, templateMetadata, ...scalars } = c;
  return { ...scalars, freeForm: JSON.stringify({ parameters, functions, tools, toolChoice: toolChoice ?? null, templateMetadata }) };
}

export function decodeVersionContent(s: StoredVersionContent): PromptVersionContent {
  const { freeForm, ...scalars } = s;
  const f = JSON.parse(freeForm) as Pick<PromptVersionContent, 'parameters' | 'functions' | 'tools' | 'toolChoice' | 'templateMetadata'>;
  return { ...scalars, parameters: f.parameters ?? {}, functions: f.functions ?? null, tools: f.tools ?? null, toolChoice: f.toolChoice ?? null, templateMetadata: f.templateMetadata ?? null };
}

export const encodeJson = (value: Record<string, unknown> | null | undefined): string | null => (value === null || value === undefined ? null : JSON.stringify(value));
export const decodeJson = (text: string | null | undefined): Record<string, unknown> | null => (text ? (JSON.parse(text) as Record<string, unknown>) : null);
