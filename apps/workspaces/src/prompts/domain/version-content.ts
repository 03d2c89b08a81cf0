import { PROMPT_VERSION_FIELDS, VERSION_CONTENT_LIMITS, freeFormProblem, type PromptEvents, type PromptVersionFields } from '#libs/contracts';
import { invalidField } from '../../prompt-library/library.errors.js';

type Content = PromptEvents.PromptVersionContent;

/** The version fields a request sent, in event form; absent and `null` fields are left out. */
export type VersionFields = Partial<Content>;

/** What a version holds when a request leaves a field out (and patching is not asked for). */
export const EMPTY_CONTENT: Omit<Content, 'string'> = {
  parameters: {},
  model: null,
  virtualKey: null,
  functions: null,
  tools: null,
  toolChoice: null,
  templateMetadata: null,
  isRawTemplate: 0,
  versionDescription: null,
};

/** The version fields of a create or update body (wire names → event names). */
export function versionFieldsOf(body: PromptVersionFields & { string?: string }): VersionFields {
  const fields: VersionFields = {};
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(body.string)) fields.string = body.string!;
  if (given(body.parameters)) fields.parameters = body.parameters!;
  // An empty string clears the model or the virtual key.
  if (given(body.model)) fields.model = body.model || null;
  if (given(body.virtual_key)) fields.virtualKey = body.virtual_key || null;
  if (given(body.functions)) fields.functions = body.functions!;
  if (given(body.tools)) fields.tools = body.tools!;
  if (given(body.tool_choice)) fields.toolChoice = body.tool_choice;
  if (given(body.version_description)) fields.versionDescription = body.version_description!;
  if (given(body.template_metadata)) fields.templateMetadata = body.template_metadata!;
  if (given(body.is_raw_template)) fields.isRawTemplate = body.is_raw_template === true || body.is_raw_template === 1 ? 1 : 0;
  return fields;
}

/** Whether a body carries any version field (so an update must make a new version). */
export function hasVersionFields(body: Record<string, unknown>): boolean {
  return PROMPT_VERSION_FIELDS.some((f) => body[f] !== undefined && body[f] !== null);
}

/**
 * The content of a new version: with `patch`, what was sent over the latest version; without,
 * exactly what was sent, which then needs a template.
 */
export function nextContent(fields: VersionFields, latest: Content | null, patch: boolean): Content {
  let content: Content;
  if (patch && latest) content = { ...latest, versionDescription: null, ...fields };
  else {
    if (fields.string === undefined) throw invalidField('string', 'is required to make a new version (or send patch: true to keep the latest version\'s)');
    content = { ...EMPTY_CONTENT, ...fields, string: fields.string };
  }
  const problem = freeFormProblem(content, VERSION_CONTENT_LIMITS);
  if (problem) throw invalidField('string', `the version (template and fields) ${problem}`);
  return content;
}

/**
 * Two contents are the same version when every field but the description serialises the same: a
 * new description alone makes no version (Terraform warns its users of exactly that).
 */
export function sameContent(a: Content, b: Content): boolean {
  const strip = ({ versionDescription: _d, ...rest }: Content) => rest;
  return JSON.stringify(canonical(strip(a))) === JSON.stringify(canonical(strip(b)));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value ?? null;
}
