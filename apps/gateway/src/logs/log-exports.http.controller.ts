import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Readable } from 'node:stream';
import {
  CreateLogExportBody,
  ListLogExportsQuery,
  LogExportsSubjects,
  UpdateLogExportBody,
  type ListResponse,
  type LogExportChunkView,
  type LogExportView,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

type Ids = { id: string; total: number; object: 'export' };
type Message = { message: string; object: 'export' };

/** /v1/logs/exports (reference §2.12): `logs.export`; the analytics service runs the export job. */
@Controller('v1/logs/exports')
export class LogExportsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Doc({ summary: 'Create a log export', response: 'ExportIds', scopes: ['logs.export'] })
  @AuthorizedByService()
  @Audited('log_exports', 'create')
  create(@Body() body: CreateLogExportBody, @Caller() caller: RequestContext): Promise<Ids> {
    return this.edge.command(LogExportsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List log exports', response: 'ExportList', scopes: ['logs.export'] })
  @AuthorizedByService()
  list(@Query() query: ListLogExportsQuery, @Caller() caller: RequestContext): Promise<ListResponse<LogExportView>> {
    return this.edge.query(LogExportsSubjects.list, query, caller);
  }

  @Get(':exportId')
  @Doc({ summary: 'Get a log export (status and progress)', response: 'Export', scopes: ['logs.export'] })
  @AuthorizedByService()
  get(@Param('exportId') id: string, @Caller() caller: RequestContext): Promise<LogExportView> {
    return this.edge.query(LogExportsSubjects.get, { id }, caller);
  }

  @Put(':exportId')
  @Doc({ summary: 'Update a log export', response: 'ExportIds', scopes: ['logs.export'] })
  @AuthorizedByService()
  @Audited('log_exports', 'update', 'exportId')
  update(@Param('exportId') id: string, @Body() changes: UpdateLogExportBody, @Caller() caller: RequestContext): Promise<Ids> {
    return this.edge.command(LogExportsSubjects.update, { id, changes }, caller);
  }

  @Post(':exportId/start')
  @HttpCode(200)
  @Doc({ summary: 'Start a log export', response: 'ExportMessage', scopes: ['logs.export'] })
  @AuthorizedByService()
  @Audited('log_exports', 'start', 'exportId')
  start(@Param('exportId') id: string, @Caller() caller: RequestContext): Promise<Message> {
    return this.edge.command(LogExportsSubjects.start, { id }, caller);
  }

  @Post(':exportId/cancel')
  @HttpCode(200)
  @Doc({ summary: 'Cancel a log export', response: 'ExportMessage', scopes: ['logs.export'] })
  @AuthorizedByService()
  @Audited('log_exports', 'cancel', 'exportId')
  cancel(@Param('exportId') id: string, @Caller() caller: RequestContext): Promise<Message> {
    return this.edge.command(LogExportsSubjects.cancel, { id }, caller);
  }

  @Get(':exportId/download')
  @Doc({ summary: "A signed, expiring URL of the export's JSONL file (owner only)", response: 'ExportDownload', scopes: ['logs.export'] })
  @AuthorizedByService()
  download(@Param('exportId') id: string, @Caller() caller: RequestContext): Promise<{ signed_url: string }> {
    return this.edge.query(LogExportsSubjects.download, { id }, caller);
  }

  /** The signed URL (ours): streams the file piece by piece from the analytics service; wrong signature 403, expired 410. */
  @Get(':exportId/file')
  @Doc({ summary: "Stream an export's JSONL file (the signed URL of download)", response: 'Empty', scopes: ['logs.export'] })
  @AuthorizedByService()
  async file(
    @Param('exportId') id: string,
    @Query('replica') replica: string | undefined,
    @Query('expires') expires: string | undefined,
    @Query('signature') signature: string | undefined,
    @Caller() caller: RequestContext,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const subject = LogExportsSubjects.chunkOn(/^[A-Za-z0-9_-]{1,64}$/.test(replica ?? '') ? replica! : 'r0');
    const piece = (offset: number) => this.edge.rpc.call<LogExportChunkView>(subject, { id, expires: expires ?? '', signature: signature ?? '', offset }, caller);
    const first = await piece(0);
    async function* pieces() {
      yield Buffer.from(first.data, 'base64');
      for (let next = first.next; next !== null; ) {
        const chunk = await piece(next);
        yield Buffer.from(chunk.data, 'base64');
        next = chunk.next;
      }
    }
    void reply.header('content-type', 'application/x-ndjson').header('content-disposition', `attachment; filename="${id}.jsonl"`).send(Readable.from(pieces()));
  }
}
