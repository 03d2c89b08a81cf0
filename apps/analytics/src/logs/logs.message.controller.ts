import { Controller, Inject } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { authPrincipal, can, type AuthPrincipal } from '#libs/authz';
import { DomainError, GetLogRequest, InsertLogsRequest, LogsSubjects, type InsertedLogsView, type LogView, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { toFeedbackView, type FeedbackDoc } from '#libs/projections';
import { externalLogList, fromExternalLog, toLogView } from './log-view.js';
import { LogsIngest } from './logs-ingest.js';

const MAX_LOGS_PER_CALL = 1_000;

const forbidden = (reason: string, missing?: string) =>
  new DomainError('ANALYTICS.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });
const notFound = (id: string) => new DomainError('ANALYTICS.LOG_NOT_FOUND', `log ${id} was not found`, 404, { errorCode: 'AB08' });

/** The first of `actions` the principal may perform in `workspaceId`, or the refusal of the last. */
function assertAny(principal: AuthPrincipal, actions: string[], workspaceId: string | null): void {
  let last: ReturnType<typeof can> | undefined;
  for (const action of actions) {
    last = can(principal, action, { orgId: principal.orgId, workspaceId });
    if (last.allow) return;
  }
  if (last && !last.allow) throw forbidden(last.reason, last.missing);
}

@Controller()
export class LogsMessageController {
  constructor(
    private readonly ingest: LogsIngest,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  /** GET /v1/logs/{id}: within the caller's reach only (a workspace key sees its workspace's logs). */
  @MessagePattern(LogsSubjects.get)
  async get(@RpcPayload() request: GetLogRequest, @RpcCaller() caller: RequestContext): Promise<LogView> {
    const principal = authPrincipal(caller);
    let log = this.ingest.store.get(request.id);
    if (!log) {
      await this.ingest.catchUp();
      log = this.ingest.store.get(request.id);
    }
    const reachable = log && log.orgId === principal.orgId && (principal.keyType === 'organisation-service' || log.workspaceId === principal.workspaceId);
    if (!log || !reachable) {
      assertAny(principal, ['logs.view', 'completions.write', 'logs.write'], principal.workspaceId);
      throw notFound(request.id);
    }
    assertAny(principal, ['logs.view', 'completions.write', 'logs.write'], log.workspaceId);
    await this.projections.waitFor(caller.minPosition);
    const feedback = await this.projections.collection<FeedbackDoc>('feedback').find('byTrace', { eq: { orgId: log.orgId, workspaceId: log.workspaceId, traceId: log.traceId }, limit: 100 });
    return toLogView(log, feedback.docs.map(toFeedbackView));
  }

  /** POST /v1/logs: external logs, stored like the gateway's own records (both scopes needed). */
  @MessagePattern(LogsSubjects.insert)
  async insert(@RpcPayload() request: InsertLogsRequest, @RpcCaller() caller: RequestContext): Promise<InsertedLogsView> {
    const principal = authPrincipal(caller);
    assertAny(principal, ['completions.write'], principal.workspaceId);
    assertAny(principal, ['logs.write'], principal.workspaceId);
    if (!principal.workspaceId) throw forbidden('external logs need a workspace API key');
    const entries = externalLogList(request.logs);
    if (entries.length > MAX_LOGS_PER_CALL) throw new DomainError('COMMON.VALIDATION', `at most ${MAX_LOGS_PER_CALL} logs per call`, 400);
    const now = caller.occurredAt ?? new Date().toISOString();
    const logs = entries.map((entry, i) => fromExternalLog(entry, i, principal, now));
    await this.ingest.publish(logs);
    return { status: 'success', message: `${logs.length} log(s) stored`, log_ids: logs.map((l) => l.id) };
  }
}
