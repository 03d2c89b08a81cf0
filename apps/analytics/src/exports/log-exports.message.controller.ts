import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreateLogExportBody, ListLogExportsQuery, LogExportChunkRequest, LogExportRef, LogExportsSubjects, UpdateLogExportRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { ANALYTICS_REPLICA } from '../logs/logs-ingest.js';
import { LogExportsHandlers } from './log-exports.handlers.js';

@Controller()
export class LogExportsMessageController {
  constructor(private readonly handlers: LogExportsHandlers) {}

  @MessagePattern(LogExportsSubjects.create)
  create(@RpcPayload() body: CreateLogExportBody, @RpcCaller() caller: RequestContext) {
    return this.handlers.create(body, caller);
  }

  @MessagePattern(LogExportsSubjects.update)
  update(@RpcPayload() request: UpdateLogExportRequest, @RpcCaller() caller: RequestContext) {
    return this.handlers.update(request, caller);
  }

  @MessagePattern(LogExportsSubjects.start)
  start(@RpcPayload() ref: LogExportRef, @RpcCaller() caller: RequestContext) {
    return this.handlers.start(ref, caller);
  }

  @MessagePattern(LogExportsSubjects.cancel)
  cancel(@RpcPayload() ref: LogExportRef, @RpcCaller() caller: RequestContext) {
    return this.handlers.cancel(ref, caller);
  }

  @MessagePattern(LogExportsSubjects.get)
  get(@RpcPayload() ref: LogExportRef, @RpcCaller() caller: RequestContext) {
    return this.handlers.get(ref, caller);
  }

  @MessagePattern(LogExportsSubjects.list)
  list(@RpcPayload() query: ListLogExportsQuery, @RpcCaller() caller: RequestContext) {
    return this.handlers.list(query, caller);
  }

  @MessagePattern(LogExportsSubjects.download)
  download(@RpcPayload() ref: LogExportRef, @RpcCaller() caller: RequestContext) {
    return this.handlers.download(ref, caller);
  }

  /** Files live with the replica that wrote them: each replica answers on a subject of its own. */
  @MessagePattern(LogExportsSubjects.chunkOn(ANALYTICS_REPLICA))
  chunk(@RpcPayload() request: LogExportChunkRequest, @RpcCaller() caller: RequestContext) {
    return this.handlers.chunk(request, caller);
  }
}
