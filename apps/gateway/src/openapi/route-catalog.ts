import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ROUTE_AUDIT, ROUTE_POLICY, type RouteAudit, type RoutePolicy } from '../auth/route-policy.js';
import { ROUTE_DOC, type RouteDoc } from './doc.decorator.js';

/** One route as its controller declares it. */
export interface CatalogRoute {
  method: string;
  /** Nest form: `/v1/admin/workspaces/:workspaceId`. */
  path: string;
  statusCode: number;
  policy?: RoutePolicy;
  audit?: RouteAudit;
  doc?: RouteDoc;
  pathParams: string[];
  /** DTO classes of `@Query()` and `@Body()`, when the handler takes whole objects. */
  query?: Function;
  body?: Function;
  handler: string;
}

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/** Every route of the given controllers, from the metadata Nest itself routes by. */
export function catalogRoutes(controllers: Function[]): CatalogRoute[] {
  const routes: CatalogRoute[] = [];
  for (const controller of controllers) {
    const base = (Reflect.getMetadata(PATH_METADATA, controller) as string | undefined) ?? '';
    const classPolicy = Reflect.getMetadata(ROUTE_POLICY, controller) as RoutePolicy | undefined;
    const proto = controller.prototype as Record<string, Function>;
    for (const name of Object.getOwnPropertyNames(proto)) {
      const fn = proto[name];
      if (name === 'constructor' || typeof fn !== 'function') continue;
      const verb = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
      const sub = Reflect.getMetadata(PATH_METADATA, fn) as string | undefined;
      if (verb === undefined || sub === undefined) continue;
      const paramTypes = (Reflect.getMetadata('design:paramtypes', proto, name) ?? []) as Function[];
      const route: CatalogRoute = {
        method: RequestMethod[verb]!,
        path: join(base, sub),
        statusCode: (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ?? (verb === RequestMethod.POST ? 201 : 200),
        policy: (Reflect.getMetadata(ROUTE_POLICY, fn) as RoutePolicy | undefined) ?? classPolicy,
        audit: Reflect.getMetadata(ROUTE_AUDIT, fn) as RouteAudit | undefined,
        doc: Reflect.getMetadata(ROUTE_DOC, fn) as RouteDoc | undefined,
        pathParams: [],
        handler: `${controller.name}.${name}`,
      };
      const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: string }>;
      for (const [key, arg] of Object.entries(args)) {
        const type = Number(key.split(':')[0]);
        if (type === RouteParamtypes.PARAM && arg.data) route.pathParams.push(arg.data);
        if (type === RouteParamtypes.QUERY && !arg.data) route.query = paramTypes[arg.index];
        if (type === RouteParamtypes.BODY && !arg.data) route.body = paramTypes[arg.index];
      }
      routes.push(route);
    }
  }
  return routes;
}
