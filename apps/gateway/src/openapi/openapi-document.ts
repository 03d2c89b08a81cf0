import { catalogRoutes, type CatalogRoute } from './route-catalog.js';
import { SchemaRegistry, type Schema } from './schema-from-class.js';
import { VIEW_SCHEMAS } from './view-schemas.js';

/** Routes under this prefix are the API; the document's server URL carries it, as Portkey's does. */
export const API_PREFIX = '/v1';

const ERRORS: Record<string, string> = {
  '400': 'Invalid request (AB01): the message names the field and what is wrong with it.',
  '401': 'Missing or invalid API key (AB05).',
  '403': 'The key lacks a scope or role, or the resource is in another workspace (AB03).',
  '404': 'Not found (AB08).',
  '409': 'Conflict (AB07), e.g. a workspace that still has dependants.',
  '429': 'Too many requests (AB06); see Retry-After.',
};

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function scopesOf(route: CatalogRoute): string[] {
  if (route.doc?.scopes) return route.doc.scopes;
  return route.policy?.kind === 'action' ? [route.policy.action] : [];
}

function operation(route: CatalogRoute, registry: SchemaRegistry): Schema {
  const isPublic = route.policy?.kind === 'public';
  const scopes = scopesOf(route);
  const parameters: Schema[] = route.pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description: name.endsWith('Id') ? 'An id (or, for workspaces, a slug).' : undefined }));
  if (route.query) {
    const query = registry.refFor(route.query);
    const schema = registry.components[route.query.name] as { properties?: Record<string, Schema>; required?: string[] };
    for (const [name, prop] of Object.entries(schema.properties ?? {})) {
      parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: prop });
    }
    void query;
  }
  const description = [
    route.doc?.description,
    isPublic ? 'No API key needed.' : scopes.length ? `Scopes: ${scopes.map((s) => `\`${s}\``).join(route.doc?.scopes ? ' or ' : ', ')}.` : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  const responses: Record<string, Schema> = {
    [String(route.statusCode)]: {
      description: 'OK',
      content: { 'application/json': { schema: { $ref: `#/components/schemas/${route.doc?.response ?? 'Empty'}` } } },
    },
  };
  for (const code of Object.keys(ERRORS)) {
    if (isPublic && (code === '401' || code === '403')) continue;
    responses[code] = { $ref: `#/components/responses/E${code}` };
  }
  return {
    operationId: route.handler.replace('HttpController.', '_'),
    summary: route.doc?.summary ?? route.handler,
    ...(description ? { description } : {}),
    tags: [route.path.split('/')[2] === 'admin' ? route.path.split('/')[3]! : route.path.split('/')[2]!],
    ...(isPublic ? { security: [] } : { security: [{ portkeyApiKey: [] }], 'x-portkey-scopes': scopes }),
    ...(parameters.length ? { parameters: parameters.map((p) => Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined))) } : {}),
    ...(route.body ? { requestBody: { required: false, content: { 'application/json': { schema: registry.refFor(route.body) } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.0 document of the gateway, built from the controllers' own metadata (paths,
 * verbs, policies, audit declarations) and the DTOs' class-validator decorators. Built by hand,
 * not with @nestjs/swagger: its 12.x release requires TypeScript ≤ 6 (this project is on 7, whose
 * native compiler has no API for its CLI plugin), and without the plugin every DTO property
 * would need a second, drifting `@ApiProperty` declaration.
 */
export function buildOpenApiDocument(controllers: Function[], options: { serverUrl: string; version: string }): Schema {
  const registry = new SchemaRegistry();
  const paths: Record<string, Record<string, Schema>> = {};
  for (const route of catalogRoutes(controllers)) {
    if (!route.path.startsWith(`${API_PREFIX}/`)) continue;
    const path = toOpenApiPath(route.path.slice(API_PREFIX.length));
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(route, registry);
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Portcullis Admin API',
      version: options.version,
      description: 'Wire-compatible with the Portkey Admin API. Every error is `{"success": false, "data": {"message", "errorCode"}}`.',
    },
    servers: [{ url: `${options.serverUrl.replace(/\/+$/, '')}${API_PREFIX}` }],
    paths,
    components: {
      securitySchemes: { portkeyApiKey: { type: 'apiKey', in: 'header', name: 'x-portkey-api-key' } },
      schemas: { ...VIEW_SCHEMAS, ...registry.components },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([code, description]) => [
          `E${code}`,
          { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/PortkeyError' } } } },
        ]),
      ),
    },
  };
}
