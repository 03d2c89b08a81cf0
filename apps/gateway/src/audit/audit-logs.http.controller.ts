import { Controller, Get, Query } from '@nestjs/common';
import { AuditSubjects, ListAuditLogsQuery, type RequestContext } from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** `GET /v1/audit-logs` (reference §2.14): admin keys with `audit_logs.list`. */
@Controller('v1/audit-logs')
export class AuditLogsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Get()
  @Doc({ summary: 'List audit log records', response: 'AuditLogList' })
  @Authorize('audit_logs.list')
  list(@Query() query: ListAuditLogsQuery, @Caller() caller: RequestContext) {
    return this.edge.query(AuditSubjects.list, query, caller);
  }
}
