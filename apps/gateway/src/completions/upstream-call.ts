import { buildUpstreamRequest, toAnthropic, UnsupportedProvider, type AttemptResult, type ResolvedTarget, type Route, type UpstreamRequest } from '#libs/routing';
import { DomainError } from '#libs/contracts';
import { postJson, type UpstreamResponse } from './upstream-http.js';

export interface UpstreamAnswer {
  response: UpstreamResponse | null;
  request: UpstreamRequest;
  target: ResolvedTarget;
}

/**
 * One attempt against an upstream. The provider secret is in the request headers only; it is
 * never logged, and errors name the upstream's status, not its URL or headers.
 */
export async function callUpstream(target: ResolvedTarget, route: Route, body: Record<string, unknown>, signal: AbortSignal): Promise<AttemptResult<UpstreamAnswer>> {
  let request: UpstreamRequest;
  try {
    request = buildUpstreamRequest(target, route, body, toAnthropic);
  } catch (error) {
    if (error instanceof UnsupportedProvider) throw new DomainError('COMPLETIONS.UNSUPPORTED', error.message, 400);
    throw error;
  }
  try {
    const response = await postJson(request.url, request.headers, JSON.stringify(request.body), signal);
    return {
      status: response.status,
      retryAfter: response.header('retry-after'),
      result: { response, request, target },
      discard: () => response.cancel(),
    };
  } catch {
    // Network error, refused connection or timeout: no answer (fallback and retry treat it so).
    return { status: 0, retryAfter: null, result: { response: null, request, target } };
  }
}
