import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Longest template (`string`) a prompt or partial version may hold, in characters. */
export const TEMPLATE_MAX_CHARS = 64 * 1024;
/** The whole content of one version (template and every free-form field), as JSON. */
export const VERSION_CONTENT_LIMITS = { depth: 16, bytes: 256 * 1024 } as const;

/** class-validator: a string or a JSON object (never an array), e.g. `tool_choice`. */
export function IsStringOrObject(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isStringOrObject',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value)),
        defaultMessage: (args) => `${args?.property} must be a string or an object`,
      },
    });
}
