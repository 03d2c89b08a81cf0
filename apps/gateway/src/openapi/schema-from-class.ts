import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata.js';
// class-transformer keeps `@Type(() => X)` here; it is how nested DTO classes are known.
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

export type Schema = Record<string, unknown>;

/** Where component schemas are collected while a document is built. */
export class SchemaRegistry {
  readonly components: Record<string, Schema> = {};

  /** A `$ref` to the class's schema, generated from its class-validator metadata on first use. */
  refFor(cls: Function): Schema {
    const name = cls.name;
    if (!this.components[name]) {
      this.components[name] = {};
      this.components[name] = schemaOfClass(cls, this);
    }
    return { $ref: `#/components/schemas/${name}` };
  }
}

const storage = getMetadataStorage();

function constraintName(meta: ValidationMetadata): string | undefined {
  if (meta.name) return meta.name;
  return storage.getTargetValidatorConstraints(meta.constraintCls)[0]?.name;
}

/**
 * A JSON schema (OpenAPI 3.0 dialect) for a DTO class, from the same class-validator decorators
 * that validate requests: the document cannot drift from what the gateway accepts.
 */
export function schemaOfClass(cls: Function, registry: SchemaRegistry): Schema {
  const metas = storage.getTargetValidationMetadatas(cls, '', true, false);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const meta of metas) byProperty.set(meta.propertyName, [...(byProperty.get(meta.propertyName) ?? []), meta]);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const [property, list] of byProperty) {
    const { schema, optional } = propertySchema(cls, property, list, registry);
    properties[property] = schema;
    if (!optional) required.push(property);
  }
  return { type: 'object', properties, ...(required.length ? { required } : {}) };
}

function propertySchema(cls: Function, property: string, metas: ValidationMetadata[], registry: SchemaRegistry): { schema: Schema; optional: boolean } {
  let optional = false;
  let nullable = false;
  for (const m of metas.filter((m) => m.type === 'conditionalValidation')) {
    if (m.name === 'isOptional') {
      optional = true;
      continue;
    }
    const condition = m.constraints?.[0] as ((o: object, v: unknown) => boolean) | undefined;
    if (typeof condition === 'function') {
      // ValidateIf(v => v !== null) lets null through unvalidated; (v => v !== undefined) makes it optional.
      if (!condition({}, null)) nullable = true;
      if (!condition({}, undefined)) optional = true;
    }
  }
  const each = metas.some((m) => m.each);
  const item: Schema = {};
  const outer: Schema = {};
  const nested = metas.some((m) => m.type === 'nestedValidation');
  for (const m of metas.filter((m) => m.type === 'customValidation')) {
    const name = constraintName(m);
    const target = m.each ? item : outer;
    const c = m.constraints ?? [];
    switch (name) {
      case 'isString':
        target.type = 'string';
        break;
      case 'isInt':
        target.type = 'integer';
        break;
      case 'isNumber':
        target.type = 'number';
        break;
      case 'isBoolean':
        target.type = 'boolean';
        break;
      case 'isArray':
        outer.type = 'array';
        break;
      case 'isObject':
        target.type = 'object';
        break;
      case 'isEmail':
        Object.assign(target, { type: 'string', format: 'email' });
        break;
      case 'isIso8601':
      case 'isISO8601':
        Object.assign(target, { type: 'string', format: 'date-time' });
        break;
      case 'isIn':
        target.enum = c[0];
        if (!target.type) target.type = typeof (c[0] as unknown[])[0] === 'number' ? 'number' : 'string';
        break;
      case 'min':
        target.minimum = c[0];
        break;
      case 'max':
        target.maximum = c[0];
        break;
      case 'isLength':
        Object.assign(target, { minLength: c[0], ...(c[1] !== undefined ? { maxLength: c[1] } : {}) });
        break;
      case 'maxLength':
        target.maxLength = c[0];
        break;
      case 'minLength':
        target.minLength = c[0];
        break;
      case 'matches':
        target.pattern = (c[0] as RegExp).source;
        break;
      case 'arrayMaxSize':
        outer.maxItems = c[0];
        break;
      case 'isMetadata':
        Object.assign(target, { type: 'object', maxProperties: 64, additionalProperties: { type: 'string', maxLength: 1024 } });
        break;
      default:
        break;
    }
  }
  let schema: Schema;
  if (nested) {
    const typeFn = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction;
    const ref = typeFn ? registry.refFor(typeFn() as Function) : { type: 'object' };
    schema = outer.type === 'array' ? { ...outer, items: ref } : ref;
  } else if (outer.type === 'array' || each) {
    schema = { ...outer, type: 'array', items: Object.keys(item).length ? item : {} };
  } else {
    schema = outer;
  }
  if (nullable) schema = schema.$ref ? { allOf: [schema], nullable: true } : { ...schema, nullable: true };
  return { schema, optional };
}
