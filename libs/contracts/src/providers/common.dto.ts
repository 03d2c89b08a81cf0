import { IsIn, IsOptional, IsString, Length, Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';
import { eventPayloadProblem, FREE_FORM_LIMITS, freeFormProblem } from '../common/free-form.js';

/** Slugs chosen by clients for integrations and providers: URL-safe, as Portkey's are. */
export const RESOURCE_SLUG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
/** An AI provider id (`openai`, `azure-openai`, `bedrock`, `vertex-ai` …). */
export const AI_PROVIDER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Provider keys can be long (a Vertex service account's JSON), never unbounded. */
export const MAX_SECRET_LENGTH = 32 * 1024;

/** `SecretMapping` (reference §1): a field filled from a secret reference instead of a value. */
export class SecretMappingDto {
  @IsString() @Matches(/^(key|configurations\.[A-Za-z0-9_]{1,100}|model_config\.[A-Za-z0-9_]{1,100})$/, {
    message: 'target_field must be "key", "configurations.<field>" or "model_config.<field>"',
  })
  target_field!: string;
  @IsString() @Length(1, 128) secret_reference_id!: string;
  @IsOptional() @IsString() @MaxLength(256) secret_key?: string;
  @IsOptional() @IsIn(['json', 'string']) value_format?: 'json' | 'string';
}

/** Why a free-form field could not be stored and projected as given (bounds, or a nested `metadata` that is no metadata map), or null. */
export function storableJsonProblem(value: unknown, limits: { depth: number; bytes: number } = FREE_FORM_LIMITS): string | null {
  return freeFormProblem(value, limits) ?? eventPayloadProblem(value);
}

/**
 * class-validator: free-form JSON (configurations, model config, pricing) within `limits` that
 * every read store can hold, so no accepted request can leave an event a projection must park.
 */
export function IsStorableJson(limits: { depth: number; bytes: number } = FREE_FORM_LIMITS, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStorableJson',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => storableJsonProblem(value, limits) === null,
        defaultMessage: (args) => `${args?.property} ${storableJsonProblem(args?.value, limits)}`,
      },
    });
}
