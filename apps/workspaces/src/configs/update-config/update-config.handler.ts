import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  assertNoProblem,
  assertNotNull,
  configProblem,
  configReferences,
  isDefaultFlagSet,
  type CommandResult,
  type RequestContext,
  type UpdateConfigRequest,
  type UpdatedConfigView,
} from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { actorOf, ConfigAccess } from '../config-access.js';
import { ConfigStreams } from '../config-streams.js';
import { DefaultConfigs } from '../default-configs.js';
import { configDecider, type ConfigChanges } from '../domain/config.decider.js';
import { ConfigReferenceCheck } from '../references/config-references.js';

/**
 * PUT /configs/{slug}: a change of name, body or status is a new immutable version (the old one
 * stays readable with `?version=N`). Concurrent updates both land, one after the other: the
 * second is decided again on top of the first. Answers the current version id.
 */
@Injectable()
export class UpdateConfigHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: ConfigAccess,
    private readonly references: ConfigReferenceCheck,
    private readonly defaults: DefaultConfigs,
  ) {}

  async execute(request: UpdateConfigRequest, context: RequestContext): Promise<CommandResult<UpdatedConfigView>> {
    assertNotNull(request.changes as Record<string, unknown>, ['name', 'config', 'status']);
    const { doc, principal } = await this.access.authorised(request.ref, 'update', context, request.changes.workspace_id);
    const where = { orgId: doc.orgId, workspaceId: doc.workspaceId };
    const { name, config, status } = request.changes;
    const changes: ConfigChanges = { ...(name !== undefined ? { name } : {}), ...(config !== undefined ? { config } : {}), ...(status !== undefined ? { status } : {}) };
    if (config !== undefined) {
      assertNoProblem(configProblem(config));
      await this.references.assertExist(config, configReferences(config), where, context);
    }
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(
      this.store,
      ConfigStreams.config(doc._id),
      configDecider,
      { type: 'UpdateConfig', configId: doc._id, changes, versionId: randomUUID(), by: actorOf(principal), at },
      { metadata, maxRetries: 10 },
    );
    let position = result.position;
    const flag = isDefaultFlagSet(request.changes);
    if (flag === true) position = Math.max(position, await this.defaults.set(where, doc._id, metadata, at));
    if (flag === false) position = Math.max(position, await this.defaults.clear(where, doc._id, metadata, at));
    const versionId = result.state.current!.versionId;
    return { data: { object: 'config', version_id: versionId, success: true, data: { version_id: versionId } }, position };
  }
}
