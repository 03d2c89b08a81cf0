import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { PortcullisConfig } from '#libs/config';
import { DomainError, type Principal } from '#libs/contracts';
import { LIMITS, type AdmissionTicket, type LimitsPort } from '#libs/limits';
import type { RequestLog } from '#libs/request-logs';
import { cacheKey, costCents, estimatePromptTokens, estimateTokens, executePlan, fromAnthropic, optionIndexHeader, usageFrom, type PlanTarget, type ResolvedTarget, type Route, type TokenUsage } from '#libs/routing';
import { WorkspaceResolver } from '../auth/workspace-resolver.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { portkeyCode, portkeyError } from '../http/portkey-error.js';
import { redactBody } from '../http/redact.js';
import { routingFrom, metadataFrom } from './completion-routing.js';
import { DataPlaneDirectory } from './data-plane-directory.js';
import { RequestLogPublisher } from './request-log-publisher.js';
import { scrub, storedHeaders } from './request-log-record.js';
import { ResponseCache } from './response-cache.js';
import { relayStream } from './stream-relay.js';
import { callUpstream, type UpstreamAnswer } from './upstream-call.js';
import type { UpstreamResponse } from './upstream-http.js';

export interface CompletionCall {
  route: Route;
  /** RequestLog.route. */
  logRoute: string;
  body: Record<string, unknown>;
  principal: Principal;
  requestId: string;
  promptSlug?: string | null;
  promptVersionId?: string | null;
}

/** What one call learned, for its headers, its log record and `settle`. */
export interface CallOutcome {
  status: number;
  upstreamStatus: number;
  body: unknown;
  usage: TokenUsage;
  aiProvider: string | null;
  model: string | null;
  retries: number;
  index: number;
  cacheStatus: RequestLog['cacheStatus'];
  /** A cache hit: the cost of the answer it replayed. */
  savedCents?: number;
  target: PlanTarget | null;
  secrets: (string | null)[];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A completion end to end: routing, cache, limits, the plan (fallback/loadbalance/retry), the
 * answer (JSON or a relayed stream), then — off the response path — `settle` and the log record.
 */
@Injectable()
export class CompletionRunner {
  private readonly logger = new Logger('completions');

  constructor(
    private readonly directory: DataPlaneDirectory,
    private readonly cache: ResponseCache,
    private readonly logs: RequestLogPublisher,
    private readonly workspaces: WorkspaceResolver,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    @Optional() @Inject(LIMITS) private readonly limits?: LimitsPort,
  ) {}

  async run(call: CompletionCall, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const startedAt = Date.now();
    const { orgId, workspaceId, keyId } = call.principal as Required<Pick<Principal, 'orgId' | 'keyId'>> & { workspaceId: string };
    const headers = request.headers;
    const routing = await routingFrom(headers, orgId, workspaceId, this.directory, call.requestId);
    const metadata = metadataFrom(headers);
    const traceId = (typeof headers['x-portkey-trace-id'] === 'string' && headers['x-portkey-trace-id'].slice(0, 128)) || randomUUID();
    const stream = call.body.stream === true;
    const common = { 'x-portkey-trace-id': traceId };
    const plan = routing.plan;
    const key = plan.cache && !stream ? cacheKey(workspaceId, call.route, JSON.stringify(plan.targets), { ...call.body, ...plan.overrideParams }) : null;
    const log = (outcome: CallOutcome) => this.record(call, request, routing.configSlug, metadata, traceId, stream, startedAt, outcome);

    const cached = key ? this.cache.get(key, Date.now()) : undefined;
    if (cached) {
      void reply.status(cached.status).headers({ ...common, 'x-portkey-cache-status': 'HIT', 'x-portkey-retry-attempt-count': '0', 'x-portkey-last-used-option-index': 'config' }).send(cached.body);
      log({ status: cached.status, upstreamStatus: 0, body: cached.body, usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, aiProvider: cached.aiProvider, model: cached.model, retries: 0, index: 0, cacheStatus: 'HIT', savedCents: cached.costCents, target: null, secrets: [] });
      return;
    }

    const ticket = await this.admit(call, plan.targets[0], metadata);
    const abort = new AbortController();
    // A client that goes away cancels the upstream call (streams especially).
    reply.raw.once('close', () => !reply.raw.writableFinished && abort.abort());
    const executed = await executePlan(plan, (target, overrides) => this.attempt(call, routing.customHost, target, overrides, abort.signal, plan.requestTimeoutMs), {
      random: Math.random,
      sleep,
      now: Date.now,
    }).catch((error: unknown) => {
      // A target that could not be resolved: release what admission reserved, then refuse.
      if (ticket) void this.limits!.settle(ticket, { totalTokens: 0, costCents: 0 }).catch(() => undefined);
      throw error;
    });
    const answer = executed.answer.result;
    const secrets = [answer.target.apiKey, ...Object.values(answer.target.configurations).filter((v): v is string => typeof v === 'string' && v.length > 8)];
    const portkeyHeaders = {
      ...common,
      'x-portkey-retry-attempt-count': String(executed.retries),
      'x-portkey-last-used-option-index': optionIndexHeader(plan, executed.path),
      'x-portkey-cache-status': key ? 'MISS' : 'DISABLED',
      'x-portkey-provider': answer.target.aiProvider,
    };
    const base = { retries: executed.retries, index: executed.index, cacheStatus: (key ? 'MISS' : 'DISABLED') as RequestLog['cacheStatus'], target: executed.target, secrets, aiProvider: answer.target.aiProvider };
    const finish = (outcome: CallOutcome) => {
      if (ticket) void this.limits!.settle(ticket, { totalTokens: outcome.usage.totalTokens, costCents: costCents(outcome.aiProvider ?? '', outcome.model ?? '', outcome.usage) }).catch((e: Error) => this.logger.warn(`settle failed: ${e.message}`));
      log(outcome);
    };

    if (!answer.response) {
      const timedOut = plan.requestTimeoutMs !== null && !abort.signal.aborted && Date.now() - startedAt >= plan.requestTimeoutMs;
      const status = timedOut ? 408 : 502;
      finish({ ...base, status, upstreamStatus: 0, body: null, usage: zero(), model: modelOf(call.body) });
      throw new DomainError('COMPLETIONS.UPSTREAM', timedOut ? 'the upstream did not answer within request_timeout' : 'the upstream could not be reached', status, { errorCode: portkeyCode(status) });
    }
    const upstream = answer.response;
    if (stream && upstream.ok) {
      await relayStream(upstream, answer, call.body, reply, portkeyHeaders, (usage, model) => finish({ ...base, status: 200, upstreamStatus: upstream.status, body: '[stream]', usage, model }));
      return;
    }
    const { status, body, usage, model } = await this.readAnswer(upstream, answer, call.body, secrets);
    if (key && upstream.ok) this.cache.set(key, { status, body, expiresAt: Date.now() + plan.cache!.maxAgeSeconds * 1000, aiProvider: answer.target.aiProvider, model, costCents: costCents(answer.target.aiProvider, model ?? '', usage) });
    void reply.status(status).headers(portkeyHeaders).send(body);
    finish({ ...base, status, upstreamStatus: upstream.status, body, usage, model });
  }

  private async attempt(call: CompletionCall, customHost: string | null, target: PlanTarget, overrides: Record<string, unknown>, signal: AbortSignal, timeoutMs: number | null) {
    const resolved = await this.resolve(call, target, customHost);
    const body = { ...call.body, ...overrides };
    const signals = timeoutMs ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : signal;
    return callUpstream(resolved, call.route, body, signals);
  }

  private async resolve(call: CompletionCall, target: PlanTarget, customHost: string | null): Promise<ResolvedTarget & { providerId?: string; slug?: string }> {
    const { orgId, workspaceId } = call.principal;
    if (target.providerRef) {
      const found = await this.directory.provider(orgId!, workspaceId!, target.providerRef, call.requestId).catch((error: unknown) => {
        if (error instanceof DomainError && error.status < 500) throw new DomainError('COMPLETIONS.PROVIDER_NOT_FOUND', `virtual key or provider ${target.providerRef} was not found in this workspace`, 403, { errorCode: 'AB03' });
        throw error;
      });
      return { aiProvider: found.aiProvider, apiKey: target.apiKey ?? found.apiKey, customHost: target.customHost ?? customHost ?? found.customHost, configurations: found.configurations, providerId: found.providerId, slug: found.slug };
    }
    return { aiProvider: target.provider!, apiKey: target.apiKey, customHost: target.customHost ?? customHost, configurations: {} };
  }

  private async admit(call: CompletionCall, first: PlanTarget | undefined, metadata: Record<string, string>): Promise<AdmissionTicket | null> {
    if (!this.limits) return null;
    const { orgId, workspaceId, keyId } = call.principal;
    const providerId = first?.providerRef && !first.plan ? ((await this.resolve(call, first, null)).providerId ?? null) : null;
    const admission = await this.limits.admit({ orgId: orgId!, workspaceId: workspaceId!, apiKeyId: keyId!, providerId, metadata, now: this.config.clock(), estimatedTokens: estimatePromptTokens(call.body) + Number(call.body.max_tokens ?? 0) });
    if (admission.allow) return admission.ticket;
    throw new DomainError('COMPLETIONS.LIMITED', admission.message, admission.status, { errorCode: admission.errorCode, ...(admission.retryAfterSeconds !== undefined ? { retryAfterSeconds: admission.retryAfterSeconds } : {}) });
  }

  /** A whole (non-stream) answer: translated when needed; an upstream error keeps the envelope. */
  private async readAnswer(upstream: UpstreamResponse, answer: UpstreamAnswer, requestBody: Record<string, unknown>, secrets: (string | null)[]) {
    const text = await upstream.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (!upstream.ok) {
      const upstreamError = scrub(json ?? text.slice(0, 2_000), secrets);
      const message = (upstreamError as { error?: { message?: unknown } })?.error?.message;
      const status = upstream.status >= 400 ? upstream.status : 502;
      return { status, body: { ...portkeyError(`upstream ${answer.target.aiProvider} answered ${upstream.status}${typeof message === 'string' ? `: ${message}` : ''}`, portkeyCode(status)), error: upstreamError }, usage: zero(), model: modelOf(requestBody) };
    }
    if (json === undefined) return { status: 502, body: portkeyError('the upstream answered with a body that is not JSON', 'AB04'), usage: zero(), model: modelOf(requestBody) };
    const body = answer.request.dialect === 'anthropic' ? fromAnthropic(json as Record<string, unknown>, Math.floor(Date.now() / 1000)) : json;
    const usage = usageFrom(body) ?? counted(requestBody, body);
    return { status: 200, body, usage, model: (body as { model?: string }).model ?? modelOf(requestBody) };
  }

  private record(call: CompletionCall, request: FastifyRequest, configSlug: string | null, metadata: Record<string, string>, traceId: string, stream: boolean, startedAt: number, o: CallOutcome): void {
    void this.buildRecord(call, request, configSlug, metadata, traceId, stream, startedAt, o)
      .then((record) => this.logs.publish(record))
      .catch((e: Error) => this.logger.warn(`request log not built: ${e.message}`));
  }

  private async buildRecord(call: CompletionCall, request: FastifyRequest, configSlug: string | null, metadata: Record<string, string>, traceId: string, stream: boolean, startedAt: number, o: CallOutcome): Promise<RequestLog> {
    const { orgId, workspaceId, keyId, userId } = call.principal;
    const ws = await this.workspaces.resolve(workspaceId!, { requestId: call.requestId, correlationId: call.requestId, principal: { kind: 'system' } }).catch(() => null);
    const latencyMs = Date.now() - startedAt;
    const ref = o.target?.providerRef ?? null;
    const record: RequestLog = {
      id: randomUUID(),
      createdAt: new Date(startedAt).toISOString(),
      orgId: orgId!,
      workspaceId: workspaceId!,
      workspaceSlug: ws?.slug ?? workspaceId!,
      apiKeyId: keyId!,
      userId: userId ?? null,
      route: call.logRoute,
      virtualKey: ref && !ref.startsWith('@') ? ref : null,
      providerSlug: ref?.startsWith('@') ? ref.slice(1) : null,
      configSlug,
      promptSlug: call.promptSlug ?? null,
      promptVersionId: call.promptVersionId ?? null,
      aiProvider: o.aiProvider,
      model: o.model,
      promptTokens: o.usage.promptTokens,
      completionTokens: o.usage.completionTokens,
      totalTokens: o.usage.totalTokens,
      costCents: costCents(o.aiProvider ?? '', o.model ?? '', o.usage),
      savedCents: o.savedCents ?? 0,
      latencyMs,
      upstreamStatus: o.upstreamStatus,
      status: o.status,
      retries: o.retries,
      fallbackIndex: o.index,
      cacheStatus: o.cacheStatus,
      stream,
      traceId,
      spanId: typeof request.headers['x-portkey-span-id'] === 'string' ? request.headers['x-portkey-span-id'] : null,
      spanName: typeof request.headers['x-portkey-span-name'] === 'string' ? request.headers['x-portkey-span-name'] : null,
      metadata,
      request: { url: request.url, method: request.method, headers: storedHeaders(request.headers), body: redactBody(call.body) },
      response: { status: o.status, headers: { 'content-type': stream ? 'text/event-stream' : 'application/json' }, body: o.body, responseTimeMs: latencyMs },
    };
    // Last line of defence: no provider secret or caller key in a stored record.
    const callerKey = request.headers['x-portkey-api-key'];
    const bearer = typeof request.headers.authorization === 'string' ? request.headers.authorization.replace(/^Bearer\s+/i, '') : null;
    return scrub(record, [...o.secrets, typeof callerKey === 'string' ? callerKey : null, bearer]);
  }
}

const zero = (): TokenUsage => ({ promptTokens: 0, completionTokens: 0, totalTokens: 0 });
const modelOf = (body: Record<string, unknown>) => (typeof body.model === 'string' ? body.model : null);

function counted(requestBody: Record<string, unknown>, answer: unknown): TokenUsage {
  const choices = (answer as { choices?: { message?: { content?: unknown }; text?: unknown }[] }).choices ?? [];
  const completion = estimateTokens(choices.map((c) => (typeof c.message?.content === 'string' ? c.message.content : typeof c.text === 'string' ? c.text : '')).join(''));
  const prompt = estimatePromptTokens(requestBody);
  return { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion };
}
