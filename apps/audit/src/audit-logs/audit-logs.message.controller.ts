import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuditSubjects, ListAuditLogsQuery, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { ListAuditLogsHandler } from './list-audit-logs.handler.js';

@Controller()
export class AuditLogsMessageController {
  constructor(private readonly listLogs: ListAuditLogsHandler) {}

  @MessagePattern(AuditSubjects.list)
  list(@RpcPayload() query: ListAuditLogsQuery, @RpcCaller() caller: RequestContext) {
    return this.listLogs.execute(query, caller);
  }
}
