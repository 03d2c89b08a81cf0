import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal, can, type AuthPrincipal } from '#libs/authz';
import {
  DomainError,
  freeFormProblem,
  schemaError,
  type CommandResult,
  type CreateFeedbackBody,
  type FeedbackResultView,
  type RequestContext,
  type UpdateFeedbackRequest,
} from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { feedbackDecider } from './domain/feedback.decider.js';

export const feedbackStream = (feedbackId: string) => `feedback-${feedbackId}`;

/** Feedback is given with workspace keys only (`logs.write`, reference §2.11). */
function writer(context: RequestContext): AuthPrincipal & { workspaceId: string } {
  const principal = authPrincipal(context);
  const decision = can(principal, 'logs.write', { orgId: principal.orgId, workspaceId: principal.workspaceId });
  if (!decision.allow || !principal.workspaceId) {
    const reason = decision.allow ? 'feedback needs a workspace API key' : decision.reason;
    throw new DomainError('ANALYTICS.FORBIDDEN', decision.allow ? reason : `${reason} (missing permission: logs.write)`, 403, { errorCode: 'AB03', missing: 'logs.write' });
  }
  return principal as AuthPrincipal & { workspaceId: string };
}

function metadataJson(metadata: Record<string, unknown> | undefined): string | undefined {
  if (metadata === undefined) return undefined;
  const problem = freeFormProblem(metadata);
  if (problem) throw schemaError({ path: 'metadata', message: problem });
  return JSON.stringify(metadata);
}

@Injectable()
export class FeedbackHandlers {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async create(body: CreateFeedbackBody, context: RequestContext): Promise<CommandResult<FeedbackResultView>> {
    const principal = writer(context);
    const feedbackId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: principal.workspaceId, resourceId: feedbackId });
    const result = await handleCommand(
      this.store,
      feedbackStream(feedbackId),
      feedbackDecider,
      {
        type: 'GiveFeedback',
        feedbackId,
        orgId: principal.orgId,
        workspaceId: principal.workspaceId,
        traceId: body.trace_id,
        value: body.value,
        weight: body.weight ?? 1,
        metadataJson: metadataJson(body.metadata) ?? '{}',
        by: principal.userId ?? principal.keyId,
        at,
      },
      { metadata },
    );
    return { data: { status: 'success', message: 'feedback saved', feedback_ids: [feedbackId] }, position: result.position };
  }

  async update(request: UpdateFeedbackRequest, context: RequestContext): Promise<CommandResult<FeedbackResultView>> {
    const principal = writer(context);
    const { metadata, at } = commandMeta(context, { workspaceId: principal.workspaceId, resourceId: request.id });
    const result = await handleCommand(
      this.store,
      feedbackStream(request.id),
      feedbackDecider,
      {
        type: 'ReviseFeedback',
        feedbackId: request.id,
        workspaceId: principal.workspaceId,
        value: request.changes.value,
        ...(request.changes.weight !== undefined ? { weight: request.changes.weight } : {}),
        ...(request.changes.metadata !== undefined ? { metadataJson: metadataJson(request.changes.metadata) } : {}),
        at,
      },
      { metadata, maxRetries: 10 },
    );
    return { data: { status: 'success', message: 'feedback updated', feedback_ids: [request.id] }, position: result.position };
  }
}
