import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '#libs/authz';
import { DomainError, PromptsSubjects, type RenderedForCompletion } from '#libs/contracts';
import type { Route } from '#libs/routing';
import { forbidden } from '../auth/edge-auth.guard.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { AuthorizedByService } from '../auth/route-policy.js';
import { contextFromRequest } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';
import { CompletionRunner } from './completion-runner.js';

const bad = (message: string) => new DomainError('COMPLETIONS.BAD_REQUEST', message, 400, { errorCode: 'AB01' });

/** What each route's body must carry (the rest is passed to the upstream as sent). */
function checkBody(route: Route, body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw bad('the request body must be a JSON object');
  const b = body as Record<string, unknown>;
  if (b.model !== undefined && typeof b.model !== 'string') throw bad('model must be a string');
  if (b.stream !== undefined && typeof b.stream !== 'boolean') throw bad('stream must be a boolean');
  if (route === 'chat.completions' && (!Array.isArray(b.messages) || !b.messages.length || b.messages.some((m) => !m || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string'))) {
    throw bad('messages must be a non-empty array of {role, content}');
  }
  if (route === 'completions' && typeof b.prompt !== 'string' && !Array.isArray(b.prompt)) throw bad('prompt must be a string or an array');
  if (route === 'embeddings' && typeof b.input !== 'string' && !Array.isArray(b.input)) throw bad('input must be a string or an array');
  return b;
}

/**
 * The data plane (issue 11): OpenAI-compatible completions through the gateway. Workspace keys
 * with `completions.write` only; an admin key is told it needs a workspace key.
 */
@Controller('v1')
export class CompletionsHttpController {
  constructor(
    private readonly runner: CompletionRunner,
    private readonly edge: EdgeRpc,
  ) {}

  @Post('chat/completions')
  @HttpCode(200)
  @Doc({ summary: 'Chat completion (OpenAI-compatible)', response: 'Empty', scopes: ['completions.write'] })
  @AuthorizedByService()
  chat(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.call('chat.completions', 'chat.completions', body, request, reply);
  }

  @Post('completions')
  @HttpCode(200)
  @Doc({ summary: 'Text completion (OpenAI-compatible)', response: 'Empty', scopes: ['completions.write'] })
  @AuthorizedByService()
  completions(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.call('completions', 'completions', body, request, reply);
  }

  @Post('embeddings')
  @HttpCode(200)
  @Doc({ summary: 'Embeddings (OpenAI-compatible)', response: 'Empty', scopes: ['completions.write'] })
  @AuthorizedByService()
  embeddings(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.call('embeddings', 'embeddings', body, request, reply);
  }

  @Post('prompts/:id/completions')
  @HttpCode(200)
  @Doc({ summary: 'Render a prompt and complete it', response: 'Empty', scopes: ['completions.write'] })
  @AuthorizedByService()
  async prompt(@Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    this.authorise(request);
    if (body !== undefined && (!body || typeof body !== 'object' || Array.isArray(body))) throw bad('the request body must be a JSON object');
    const { stream, ...renderBody } = (body ?? {}) as Record<string, unknown>;
    const rendered = await this.edge.query<RenderedForCompletion>(PromptsSubjects.renderForCompletion, { ref: id, body: renderBody }, contextFromRequest(request));
    const data = { ...rendered.data, ...(stream !== undefined ? { stream } : {}) };
    const route: Route = Array.isArray(data.messages) ? 'chat.completions' : 'completions';
    // The prompt's own virtual key routes the call when the request names none.
    const h = request.headers;
    if (rendered.virtualKey && !h['x-portkey-virtual-key'] && !h['x-portkey-provider'] && !h['x-portkey-config']) h['x-portkey-virtual-key'] = rendered.virtualKey;
    return this.call(route, 'prompts.completions', data, request, reply, rendered.promptSlug, rendered.promptVersionId);
  }

  private authorise(request: FastifyRequest) {
    const principal = request.edge!.principal!;
    if (principal.keyType === 'organisation-service') throw forbidden('completions need a workspace API key: admin (organisation) keys cannot call the data plane', { denial: 'ADMIN_KEY' });
    const decision = can(principal as Parameters<typeof can>[0], 'completions.write', { orgId: principal.orgId!, workspaceId: principal.workspaceId ?? undefined });
    if (!decision.allow) throw forbidden(decision.reason, { missing: decision.missing, denial: decision.code });
    return principal;
  }

  private async call(route: Route, logRoute: string, body: unknown, request: FastifyRequest, reply: FastifyReply, promptSlug?: string, promptVersionId?: string) {
    const principal = this.authorise(request);
    const checked = checkBody(route, body);
    await this.runner.run({ route, logRoute, body: checked, principal, requestId: request.edge!.requestId, promptSlug: promptSlug ?? null, promptVersionId: promptVersionId ?? null }, request, reply);
  }
}
