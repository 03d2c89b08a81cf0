import { buildUpstreamRequest, toAnthropic, UnsupportedProvider, type AttemptResult, type ResolvedTarget, type Route, type UpstreamRequest } from '#libs/routing';
import { DomainError } from '#libs/contracts';

export interface UpstreamAnswer {
  response: Response | null;
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
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: JSON.stringify(request.body), signal });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      result: { response, request, target },
      discard: () => void response.body?.cancel().catch(() => undefined),
    };
  } catch {
    // Network error, refused connection or timeout: no answer (fallback and retry treat it so).
    return { status: 0, retryAfter: null, result: { response: null, request, target } };
  }
}
