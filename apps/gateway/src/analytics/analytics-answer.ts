import type { FastifyReply } from 'fastify';
import { AnalyticsSubjects, type AnalyticsAnswer, type AnalyticsBody, type AnalyticsQuery, type RequestContext } from '#libs/contracts';
import type { EdgeRpc } from '../auth/edge-rpc.js';

export const ANALYTICS_LAG_HEADER = 'x-portcullis-analytics-lag';

/** Asks the analytics service for a view and passes on how far its store is behind the newest log. */
export async function analyticsAnswer(edge: EdgeRpc, view: string, query: AnalyticsQuery, caller: RequestContext, reply: FastifyReply, key?: string): Promise<AnalyticsBody> {
  const answer = await edge.query<AnalyticsAnswer>(AnalyticsSubjects.query, { view, query: { ...query }, ...(key !== undefined ? { key } : {}) }, caller);
  void reply.header(ANALYTICS_LAG_HEADER, String(answer.lagMs));
  return answer.body;
}
