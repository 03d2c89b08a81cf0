import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { can, type AuthPrincipal } from '#libs/authz';
import { DomainError, type Principal, type VerifiedKey } from '#libs/contracts';
import { contextFromRequest } from '../http/request-context.js';
import { FloodControl } from '../floods/flood-control.js';
import { Authenticator } from './authenticator.js';
import { ROUTE_AUDIT, ROUTE_POLICY, type RouteAudit, type RoutePolicy, type WorkspaceSource } from './route-policy.js';
import { WorkspaceResolver } from './workspace-resolver.js';

export function toPrincipal(key: VerifiedKey): Principal & AuthPrincipal {
  return {
    kind: 'api_key',
    keyId: key.keyId,
    keyType: key.keyType,
    orgId: key.orgId,
    workspaceId: key.workspaceId,
    userId: key.userId,
    scopes: key.scopes,
    orgRole: key.orgRole ?? undefined,
    workspaceRole: key.workspaceRole,
  };
}

export const forbidden = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('AUTH.FORBIDDEN', message, 403, { errorCode: 'AB03', ...details });

/**
 * Every route declares its policy; a route without one is a bug and fails closed. The policy
 * engine decides from the key and the resource's organisation and workspace.
 */
@Injectable()
export class EdgeAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: Authenticator,
    private readonly workspaces: WorkspaceResolver,
    private readonly floods: FloodControl,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [context.getHandler(), context.getClass()]);
    if (!policy) throw new DomainError('AUTH.NO_POLICY', 'route declares no authorisation policy', 500);
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const audit = this.reflector.get<RouteAudit | undefined>(ROUTE_AUDIT, context.getHandler());
    if (audit) {
      const id = audit.idParam ? (request.params as Record<string, string>)[audit.idParam] : undefined;
      request.edge!.audit = { resourceType: audit.resourceType, action: audit.action, resourceId: id ?? null };
    }
    if (policy.kind === 'public') {
      // Public routes that can be guessed at (invite tokens) share the failed-auth budget.
      if (audit) this.floods.checkSource(request.edge!.clientIp);
      return true;
    }
    const verified = await this.auth.authenticate(request.headers['x-portkey-api-key'], request.edge!.requestId, request.edge!.clientIp);
    const principal = toPrincipal(verified);
    request.edge!.principal = principal;
    Object.assign(request.edge!.log, { orgId: principal.orgId, keyId: principal.keyId, workspaceId: principal.workspaceId ?? undefined });
    if (policy.kind === 'service') return true;
    const workspaceId = policy.workspace ? await this.workspaceOf(policy.workspace, request, principal) : undefined;
    if (workspaceId) {
      request.edge!.workspaceId = workspaceId;
      request.edge!.log.workspaceId = workspaceId;
      // A slug in the path still records the workspace's id.
      if (audit?.idParam === 'workspaceId') request.edge!.audit!.resourceId = workspaceId;
    }
    const decision = can(principal, policy.action, { orgId: principal.orgId, workspaceId });
    if (!decision.allow) {
      throw forbidden(decision.missing ? `${decision.reason}` : decision.reason, { missing: decision.missing, denial: decision.code });
    }
    return true;
  }

  /** The named workspace, which must exist in the caller's organisation (else 403 AB03). */
  private async workspaceOf(source: WorkspaceSource, request: FastifyRequest, principal: AuthPrincipal): Promise<string | undefined> {
    const [where, name] = source.split(':') as ['param' | 'query' | 'body', string];
    const bag = (where === 'param' ? request.params : where === 'query' ? request.query : request.body) as Record<string, unknown> | undefined;
    const ref = bag?.[name];
    if (typeof ref !== 'string' || !ref) return undefined;
    const ws = await this.workspaces.resolve(ref, contextFromRequest(request));
    if (!ws || ws.orgId !== principal.orgId) throw forbidden(`workspace ${ref} was not found or is not accessible`, { denial: 'WORKSPACE' });
    return ws.id;
  }
}
