import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { LogsSubjects, type InsertedLogsView, type LogView, type RequestContext } from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { redactBody, redactHeaders } from '../http/redact.js';
import { Doc } from '../openapi/doc.decorator.js';

/** External logs lose their credentials before they leave the edge, as audit records do. */
function redactLog(entry: unknown): unknown {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry;
  const log = { ...(entry as Record<string, unknown>) };
  for (const part of ['request', 'response'] as const) {
    const value = log[part];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    const copy = { ...(value as Record<string, unknown>) };
    if (copy.headers && typeof copy.headers === 'object' && !Array.isArray(copy.headers)) copy.headers = redactHeaders(copy.headers as Record<string, string>);
    if ('body' in copy) copy.body = redactBody(copy.body);
    log[part] = copy;
  }
  return log;
}

function redactLogs(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(redactLog);
  if (body && typeof body === 'object' && Object.keys(body).length && Object.keys(body).every((k) => /^\d+$/.test(k))) {
    return Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, redactLog(v)]));
  }
  return redactLog(body);
}

/**
 * /v1/logs (reference §2.11): request logs kept by the analytics service. Reading needs
 * `logs.view`, `logs.write` or `completions.write`; writing external logs needs both
 * `completions.write` and `logs.write` (the analytics service applies the policy engine).
 */
@Controller('v1/logs')
export class LogsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Doc({ summary: 'Insert external logs', response: 'InsertedLogs', scopes: ['completions.write', 'logs.write'], description: 'One log object or an array of them; Authorization and API-key headers are dropped before storage.' })
  @AuthorizedByService()
  insert(@Body() body: unknown, @Caller() caller: RequestContext): Promise<InsertedLogsView> {
    return this.edge.rpc.call<InsertedLogsView>(LogsSubjects.insert, { logs: redactLogs(body) }, caller);
  }

  @Get(':logId')
  @Doc({ summary: 'Get a log', response: 'Log', scopes: ['logs.view', 'logs.write', 'completions.write'] })
  @AuthorizedByService()
  get(@Param('logId') id: string, @Caller() caller: RequestContext): Promise<LogView> {
    return this.edge.query(LogsSubjects.get, { id }, caller);
  }
}
