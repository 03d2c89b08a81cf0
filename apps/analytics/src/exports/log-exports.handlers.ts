import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { authPrincipal, can, type AuthPrincipal } from '#libs/authz';
import type { PortcullisConfig } from '#libs/config';
import {
  DomainError,
  freeFormProblem,
  schemaError,
  type CommandResult,
  type CreateLogExportBody,
  type ListLogExportsQuery,
  type ListResponse,
  type LogExportChunkRequest,
  type LogExportChunkView,
  type LogExportRef,
  type LogExportView,
  type RequestContext,
  type UpdateLogExportRequest,
} from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, systemContext } from '#libs/messaging';
import { findWorkspaceByRef } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ANALYTICS_CONFIG, ANALYTICS_REPLICA, LogsIngest } from '../logs/logs-ingest.js';
import { exportNotFound, logExportDecider, type LogExportCommand } from './domain/log-export.decider.js';
import { ExportSigner } from './export-signer.js';
import { exportFilter, exportRow } from './export-filter.js';
import { toLogExportView, type LogExportDoc } from '#libs/projections';

export const logExportStream = (id: string) => `logExport-${id}`;
const CHUNK_BYTES = 512 * 1024;
const PROGRESS_EVERY = 1_000;
const URL_TTL_MS = Number(process.env.PORTCULLIS_EXPORT_URL_TTL_SECONDS ?? 900) * 1_000;

const forbidden = (reason: string, missing?: string) =>
  new DomainError('ANALYTICS.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });

/** Log exports (reference §2.12): event-sourced lifecycle; the job runs in the replica that started it. */
@Injectable()
export class LogExportsHandlers {
  private readonly logger = new Logger('log-exports');
  private readonly signer: ExportSigner;
  private readonly running = new Map<string, { cancelled: boolean }>();
  readonly dir: string;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Inject(ANALYTICS_CONFIG) private readonly config: PortcullisConfig,
    private readonly ingest: LogsIngest,
  ) {
    this.signer = new ExportSigner(config.dataDir);
    this.dir = join(config.dataDir, 'analytics', 'exports');
  }

  private exporter(context: RequestContext): AuthPrincipal {
    const principal = authPrincipal(context);
    const decision = can(principal, 'logs.export', { orgId: principal.orgId, workspaceId: principal.workspaceId });
    if (!decision.allow) throw forbidden(decision.reason, decision.missing);
    return principal;
  }

  private async workspaceOf(principal: AuthPrincipal, named: string | undefined): Promise<string | null> {
    if (principal.keyType !== 'organisation-service') {
      if (named && named !== principal.workspaceId) {
        const ws = await findWorkspaceByRef(this.projections, named);
        if (!ws || ws._id !== principal.workspaceId) throw forbidden('workspace API keys act only inside their own workspace');
      }
      return principal.workspaceId;
    }
    if (!named) return null;
    const ws = await findWorkspaceByRef(this.projections, named);
    if (!ws || ws.orgId !== principal.orgId) throw forbidden(`workspace ${named} was not found or is not accessible`);
    return ws._id;
  }

  private async load(id: string, context: RequestContext): Promise<{ doc: LogExportDoc; principal: AuthPrincipal }> {
    const principal = this.exporter(context);
    await this.projections.waitFor(context.minPosition);
    const exports = this.projections.collection<LogExportDoc>('log_exports');
    // Commands carry no read-your-writes position: an export created a moment ago may be on its way.
    let doc = await exports.get(id);
    if (!doc) {
      await this.projections.catchUp();
      doc = await exports.get(id);
    }
    const reachable = doc && doc.orgId === principal.orgId && (principal.keyType === 'organisation-service' || doc.workspaceId === principal.workspaceId);
    if (!doc || !reachable) throw exportNotFound(id);
    return { doc, principal };
  }

  private async run(id: string, command: LogExportCommand, context: RequestContext, workspaceId: string | null) {
    const { metadata } = commandMeta(context, { workspaceId, resourceId: id });
    return handleCommand(this.store, logExportStream(id), logExportDecider, command, { metadata, maxRetries: 10 });
  }

  async create(body: CreateLogExportBody, context: RequestContext): Promise<CommandResult<{ id: string; total: number; object: 'export' }>> {
    const principal = this.exporter(context);
    await this.projections.waitFor(context.minPosition);
    const problem = freeFormProblem(body.filters);
    if (problem) throw schemaError({ path: 'filters', message: problem });
    const workspaceId = await this.workspaceOf(principal, body.workspace_id);
    const exportId = randomUUID();
    const { at } = commandMeta(context);
    const result = await this.run(
      exportId,
      { type: 'CreateLogExport', exportId, orgId: principal.orgId, workspaceId, filtersJson: JSON.stringify(body.filters), requestedData: body.requested_data, description: body.description ?? null, ownerKeyId: principal.keyId, by: principal.userId ?? principal.keyId, at },
      context,
      workspaceId,
    );
    return { data: { id: exportId, total: 0, object: 'export' }, position: result.position };
  }

  async update(request: UpdateLogExportRequest, context: RequestContext): Promise<CommandResult<{ id: string; total: number; object: 'export' }>> {
    const { doc, principal } = await this.load(request.id, context);
    const problem = freeFormProblem(request.changes.filters);
    if (problem) throw schemaError({ path: 'filters', message: problem });
    const workspaceId = request.changes.workspace_id !== undefined ? await this.workspaceOf(principal, request.changes.workspace_id) : doc.workspaceId;
    const { at } = commandMeta(context);
    const result = await this.run(
      doc._id,
      { type: 'UpdateLogExport', exportId: doc._id, filtersJson: JSON.stringify(request.changes.filters), requestedData: request.changes.requested_data ?? doc.requestedData, workspaceId, at },
      context,
      workspaceId,
    );
    return { data: { id: doc._id, total: doc.total, object: 'export' }, position: result.position };
  }

  async start(ref: LogExportRef, context: RequestContext): Promise<CommandResult<{ message: string; object: 'export' }>> {
    const { doc } = await this.load(ref.id, context);
    const { at } = commandMeta(context);
    const result = await this.run(doc._id, { type: 'StartLogExport', exportId: doc._id, at }, context, doc.workspaceId);
    // The job runs on what the stream holds now (the read model may not have seen an update yet).
    const created = result.state.created!;
    const current: LogExportDoc = { ...doc, filtersJson: created.filtersJson, requestedData: created.requestedData, workspaceId: created.workspaceId };
    const job = { cancelled: false };
    this.running.set(doc._id, job);
    void this.job(current, job, context).finally(() => this.running.delete(doc._id));
    return { data: { message: 'export started', object: 'export' }, position: result.position };
  }

  async cancel(ref: LogExportRef, context: RequestContext): Promise<CommandResult<{ message: string; object: 'export' }>> {
    const { doc } = await this.load(ref.id, context);
    const { at } = commandMeta(context);
    const result = await this.run(doc._id, { type: 'CancelLogExport', exportId: doc._id, at }, context, doc.workspaceId);
    const job = this.running.get(doc._id);
    if (job) job.cancelled = true;
    return { data: { message: 'export cancelled', object: 'export' }, position: result.position };
  }

  async get(ref: LogExportRef, context: RequestContext): Promise<LogExportView> {
    return toLogExportView((await this.load(ref.id, context)).doc);
  }

  async list(query: ListLogExportsQuery, context: RequestContext): Promise<ListResponse<LogExportView>> {
    const principal = this.exporter(context);
    await this.projections.waitFor(context.minPosition);
    const workspaceId = await this.workspaceOf(principal, query.workspace_id);
    const exports = this.projections.collection<LogExportDoc>('log_exports');
    const page =
      workspaceId === null ? await exports.find('byOrg', { eq: { orgId: principal.orgId }, reverse: true, limit: 1_000 }) : await exports.find('byWorkspace', { eq: { orgId: principal.orgId, workspaceId }, reverse: true, limit: 1_000 });
    return { object: 'list', total: page.total, data: page.docs.map(toLogExportView) } as ListResponse<LogExportView>;
  }

  /** A signed, expiring URL on the gateway, good for the export's owner only. */
  async download(ref: LogExportRef, context: RequestContext): Promise<{ signed_url: string }> {
    const { doc, principal } = await this.load(ref.id, context);
    if (doc.ownerKeyId !== principal.keyId) throw forbidden("only the export's owner may download it");
    if (doc.status !== 'success') throw new DomainError('ANALYTICS.EXPORT_NOT_READY', `export ${doc._id} is ${doc.status}; start it and wait for success`, 409, { errorCode: 'AB07' });
    const expires = this.config.clock() + URL_TTL_MS;
    const replica = doc.replica ?? ANALYTICS_REPLICA;
    const signature = this.signer.sign(doc._id, `${doc.ownerKeyId}\n${replica}`, expires);
    return { signed_url: `${this.config.publicUrl}/v1/logs/exports/${doc._id}/file?replica=${encodeURIComponent(replica)}&expires=${expires}&signature=${signature}` };
  }

  async chunk(request: LogExportChunkRequest, context: RequestContext): Promise<LogExportChunkView> {
    const principal = authPrincipal(context);
    const doc = await this.projections.collection<LogExportDoc>('log_exports').get(request.id);
    const expires = Number(request.expires);
    if (!doc || !Number.isFinite(expires) || !this.signer.verify(doc._id, `${doc.ownerKeyId}\n${ANALYTICS_REPLICA}`, expires, request.signature)) throw forbidden('the download URL is not valid');
    if (principal.keyId !== doc.ownerKeyId) throw forbidden("only the export's owner may download it");
    if (this.config.clock() > expires) throw new DomainError('ANALYTICS.EXPORT_URL_EXPIRED', 'the download URL has expired; ask for a new one', 410, { errorCode: 'AB03' });
    const path = this.fileOf(doc._id);
    if (!existsSync(path)) throw exportNotFound(doc._id);
    const size = statSync(path).size;
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, Math.min(CHUNK_BYTES, size - request.offset)));
      const n = buffer.length ? readSync(fd, buffer, 0, buffer.length, request.offset) : 0;
      const next = request.offset + n;
      return { data: buffer.subarray(0, n).toString('base64'), next: next < size ? next : null };
    } finally {
      closeSync(fd);
    }
  }

  fileOf(id: string): string {
    return join(this.dir, `${id}.jsonl`);
  }

  private async job(doc: LogExportDoc, job: { cancelled: boolean }, origin: RequestContext): Promise<void> {
    const context = systemContext(origin);
    const system = { ...context, http: undefined, audit: undefined };
    const step = (command: LogExportCommand) => this.run(doc._id, command, system, doc.workspaceId);
    const now = () => new Date(this.config.clock()).toISOString();
    try {
      const match = exportFilter(JSON.parse(doc.filtersJson) as Record<string, unknown>);
      const mine = (log: { orgId: string; workspaceId: string }) => log.orgId === doc.orgId && (doc.workspaceId === null || log.workspaceId === doc.workspaceId);
      let total = 0;
      for (const log of this.ingest.store.scan()) if (mine(log) && match(log)) total++;
      await step({ type: 'RecordLogExportProgress', exportId: doc._id, total, done: 0, at: now() });
      mkdirSync(this.dir, { recursive: true });
      const partial = `${this.fileOf(doc._id)}.part`;
      const fd = openSync(partial, 'w');
      let done = 0;
      let bytes = 0;
      try {
        for (const log of this.ingest.store.scan()) {
          if (!mine(log) || !match(log)) continue;
          const line = Buffer.from(`${JSON.stringify(exportRow(log, doc.requestedData))}\n`);
          writeSync(fd, line);
          bytes += line.length;
          if (++done % PROGRESS_EVERY === 0) {
            await new Promise((r) => setImmediate(r));
            if (job.cancelled) return;
            await step({ type: 'RecordLogExportProgress', exportId: doc._id, total, done, at: now() });
          }
          if (done >= total) break;
        }
      } finally {
        closeSync(fd);
      }
      if (job.cancelled) return;
      renameSync(partial, this.fileOf(doc._id));
      await step({ type: 'CompleteLogExport', exportId: doc._id, total: done, bytes, replica: ANALYTICS_REPLICA, at: now() });
    } catch (error) {
      if (job.cancelled) return;
      this.logger.warn(`export ${doc._id} failed: ${(error as Error).message}`);
      await step({ type: 'FailLogExport', exportId: doc._id, reason: (error as Error).message.slice(0, 500), at: now() }).catch(() => undefined);
    }
  }
}
