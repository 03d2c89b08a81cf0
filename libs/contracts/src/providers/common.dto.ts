import { IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

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
