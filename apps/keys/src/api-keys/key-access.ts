import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, can, requireOrg, type AuthPrincipal } from '#libs/authz';
import type { ApiKeyView, RequestContext } from '#libs/contracts';
import { findWorkspaceByRef, type WorkspaceDoc } from '#libs/projections';
import { EVENT_STORE, foldState, type EventStore } from '#libs/event-store';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { apiKeyDecider, type ApiKeyState } from './domain/api-key.decider.js';
import { apiKeyNotFound, keyDenied } from './domain/api-key.errors.js';
import { keyAction } from './key-actions.js';
import { toApiKeyView, type ApiKeyDoc } from '#libs/projections';
import { Streams } from '../streams.js';

export type KeyVerb = 'read' | 'update' | 'delete' | 'rotate';

/**
 * Loading a key for an operation: from its stream (authoritative, no projection lag), scoped to
 * the caller's organisation (another organisation's key is "not found"), and authorised by the
 * policy engine for the key's type and workspace.
 */
@Injectable()
export class KeyAccess {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async load(keyId: string): Promise<ApiKeyState & { revision: number }> {
    const events = await this.store.readStream(Streams.apiKey(keyId));
    return { ...foldState(apiKeyDecider, events), revision: events.at(-1)?.revision ?? -1 };
  }

  async authorised(keyId: string, verb: KeyVerb, context: RequestContext): Promise<{ state: ApiKeyState; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    const state = await this.load(keyId);
    if (!state.key || state.deleted || state.key.orgId !== requireOrg(context)) throw apiKeyNotFound(keyId);
    const action = keyAction(state.key.type, verb);
    const decision = can(principal, action, { orgId: state.key.orgId, workspaceId: state.key.workspaceId });
    if (!decision.allow) throw keyDenied(decision.reason, decision.missing);
    return { state, principal };
  }

  /** A workspace by id or slug, in the caller's organisation, still existing. */
  async workspace(ref: string, orgId: string, minPosition?: number): Promise<WorkspaceDoc | null> {
    await this.projections.waitFor(minPosition);
    const doc = await findWorkspaceByRef(this.projections, ref);
    return doc && doc.orgId === orgId ? doc : null;
  }

  async view(keyId: string, minPosition?: number): Promise<ApiKeyView | null> {
    await this.projections.waitFor(minPosition);
    const keys = this.projections.collection<ApiKeyDoc>('api_keys');
    let doc = await keys.get(keyId);
    if (!doc) {
      // Created a moment ago through another principal (an accepted invite): catch up first.
      await this.projections.catchUp();
      doc = await keys.get(keyId);
    }
    return doc && toApiKeyView(doc);
  }
}
