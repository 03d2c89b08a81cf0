import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { requireOrg } from '#libs/authz';
import type { CommandResult, CreateWorkspaceRequest, RequestContext, WorkspaceEvents, WorkspaceView } from '#libs/contracts';
import { findOrgMemberFresh } from '#libs/projections';
import { EVENT_STORE, foldState, handleCommand, WrongExpectedRevisionError, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { workspaceDecider } from '../domain/workspace.decider.js';
import { slugUnavailable, userNotInOrganisation } from '../domain/workspace.errors.js';
import { workspaceSlug } from '../domain/slug.js';
import { toWorkspaceView } from '#libs/projections';
import { evolveWorkspaceSchedule, type UsageResetRule } from '#libs/schedules';
import { Streams } from '../../streams.js';

const SLUG_ATTEMPTS = 8;

/**
 * POST /admin/workspaces: reserve a fresh slug (a stream per organisation × slug, expected
 * "no stream": two creations never share one), then record the workspace and its first members.
 */
@Injectable()
export class CreateWorkspaceHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(request: CreateWorkspaceRequest, context: RequestContext): Promise<CommandResult<WorkspaceView>> {
    const internal = context.principal?.kind === 'system';
    const orgId = internal && request.orgId ? request.orgId : requireOrg(context);
    const workspaceId = internal && request.workspaceId ? request.workspaceId : randomUUID();
    if (internal && request.workspaceId) {
      // Bootstrap repeats itself after a restart: an existing workspace is the answer.
      const existing = await this.store.readStream(Streams.workspace(workspaceId));
      if (existing.length) return { data: viewOf(foldState(workspaceDecider, existing).workspace!), position: existing.at(-1)!.position };
    }
    await this.projections.waitFor(context.minPosition);
    const members = await this.initialMembers(orgId, request.users ?? []);
    const { metadata, at } = commandMeta(context, { orgId, workspaceId, resourceId: workspaceId });
    const slug = await this.reserveSlug(orgId, request.name, workspaceId, metadata, at);
    const createdBy = context.onBehalfOf?.userId ?? context.principal?.userId ?? context.principal?.keyId ?? 'system';
    const result = await handleCommand(
      this.store,
      Streams.workspace(workspaceId),
      workspaceDecider,
      {
        type: 'CreateWorkspace',
        workspace: {
          workspaceId,
          orgId,
          slug,
          name: request.name,
          description: request.description ?? null,
          icon: request.icon ?? null,
          defaults: (request.defaults as Record<string, unknown> | null | undefined) ?? null,
          usageLimits: request.usage_limits ?? null,
          rateLimits: request.rate_limits ?? null,
          isDefault: internal && !!request.isDefault,
          createdBy,
          creationSource: internal ? 'system' : 'api',
        },
        members,
        at,
      },
      { metadata },
    );
    return { data: viewOf(result.state.workspace!), position: result.position };
  }

  private async initialMembers(orgId: string, userIds: string[]) {
    const unique = [...new Set(userIds)];
    for (const userId of unique) {
      if (!(await findOrgMemberFresh(this.projections, orgId, userId))) throw userNotInOrganisation(userId);
    }
    return unique.map((userId) => ({ userId, role: 'member' as const }));
  }

  private async reserveSlug(orgId: string, name: string, workspaceId: string, metadata: Record<string, unknown>, at: string): Promise<string> {
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slug = workspaceSlug(name);
      try {
        await this.store.append(
          Streams.slug(orgId, slug),
          [{ id: randomUUID(), type: 'WorkspaceSlugReserved', data: { orgId, slug, workspaceId, at }, metadata }],
          { expectedRevision: 'no_stream' },
        );
        return slug;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
    throw slugUnavailable();
  }
}

function viewOf(created: WorkspaceEvents.WorkspaceCreated): WorkspaceView {
  return {
    ...toWorkspaceView({
      _id: created.workspaceId,
      orgId: created.orgId,
      slug: created.slug,
      name: created.name,
      description: created.description,
      icon: created.icon,
      isDefault: created.isDefault,
      status: 'active',
      defaults: created.defaults,
      usageLimits: created.usageLimits,
      rateLimits: created.rateLimits,
      createdBy: created.createdBy,
      creationSource: created.creationSource,
      createdAt: created.at,
      lastUpdatedAt: created.at,
      schedule: evolveWorkspaceSchedule(null, { type: 'WorkspaceCreated', data: created }, created.usageLimits as UsageResetRule[] | null),
    }),
    users: [],
  };
}

