import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal } from '#libs/authz';
import {
  assertNoProblem,
  configProblem,
  configReferences,
  isDefaultFlagSet,
  schemaError,
  type CommandResult,
  type CreateConfigBody,
  type CreatedConfigView,
  type RequestContext,
} from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { actorOf } from '../config-access.js';
import { ConfigStreams } from '../config-streams.js';
import { DefaultConfigs } from '../default-configs.js';
import { configDecider } from '../domain/config.decider.js';
import { configSlugUnavailable } from '../domain/config.errors.js';
import { configSlug } from '../domain/config-slug.js';
import { ConfigReferenceCheck } from '../references/config-references.js';
import { reserveSlug } from '../reserve-slug.js';
import { assertCan, targetWorkspace } from '../workspace-scope.js';

/**
 * POST /configs: validate the body against Portkey's config schema and what it names, reserve a
 * `pc-…` slug, record version 1, and (with `is_default`) move the workspace's default to it.
 */
@Injectable()
export class CreateConfigHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly references: ConfigReferenceCheck,
    private readonly defaults: DefaultConfigs,
  ) {}

  async execute(request: CreateConfigBody, context: RequestContext): Promise<CommandResult<CreatedConfigView>> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    const ws = await targetWorkspace(this.projections, principal, request.workspace_id);
    if (!ws) throw schemaError({ path: 'workspace_id', message: 'is required when an admin key creates a config' });
    const where = { orgId: ws.orgId, workspaceId: ws._id };
    assertCan(principal, 'configs.create', where);
    assertNoProblem(configProblem(request.config));
    await this.references.assertExist(request.config, configReferences(request.config), where, context);

    const configId = randomUUID();
    const versionId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id, resourceId: configId });
    const slug = await reserveSlug(this.store, {
      make: () => configSlug(request.name),
      stream: (s) => ConfigStreams.slug(ws.orgId, s),
      eventType: 'ConfigSlugReserved',
      data: (s) => ({ orgId: ws.orgId, slug: s, configId, at }),
      metadata,
    });
    if (!slug) throw configSlugUnavailable();
    const result = await handleCommand(
      this.store,
      ConfigStreams.config(configId),
      configDecider,
      { type: 'CreateConfig', configId, ...where, slug, name: request.name, config: request.config, versionId, by: actorOf(principal), at },
      { metadata },
    );
    let position = result.position;
    if (isDefaultFlagSet(request)) position = Math.max(position, await this.defaults.set(where, configId, metadata, at));
    return { data: { object: 'config', id: configId, slug, version_id: versionId, success: true, data: { id: configId, version_id: versionId } }, position };
  }
}
