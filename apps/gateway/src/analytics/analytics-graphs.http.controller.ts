import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AnalyticsQuery, type AnalyticsGraphView, type RequestContext } from '#libs/contracts';
import { Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { analyticsAnswer } from './analytics-answer.js';

type Graph = Promise<AnalyticsGraphView>;

/**
 * /v1/analytics/graphs/* (reference §2.13): every graph under both spellings, the SDK's hyphenated
 * one and the spec's slashed one. The analytics service resolves tenancy (admin keys see their
 * organisation, workspace keys their workspace) and the filters.
 */
@Controller('v1/analytics')
export class AnalyticsGraphsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Get('graphs/requests')
  @Doc({ summary: 'Requests over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  requests(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/requests', q, c, r) as Graph;
  }

  @Get('graphs/cost')
  @Doc({ summary: 'Cost over time (cents)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  cost(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/cost', q, c, r) as Graph;
  }

  @Get('graphs/latency')
  @Doc({ summary: 'Latency over time (avg, p50, p90, p99)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  latency(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/latency', q, c, r) as Graph;
  }

  @Get('graphs/tokens')
  @Doc({ summary: 'Tokens over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  tokens(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/tokens', q, c, r) as Graph;
  }

  @Get('graphs/users')
  @Doc({ summary: 'Unique users over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  users(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/users', q, c, r) as Graph;
  }

  @Get('graphs/users-requests')
  @Doc({ summary: 'Requests per user over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  usersRequests(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/users-requests', q, c, r) as Graph;
  }

  @Get('graphs/users/requests')
  @Doc({ summary: 'Requests per user over time (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  usersRequestsSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/users-requests', q, c, r) as Graph;
  }

  @Get('graphs/errors')
  @Doc({ summary: 'Errors over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errors(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors', q, c, r) as Graph;
  }

  @Get('graphs/errors-rate')
  @Doc({ summary: 'Error rate over time (percent)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsRate(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-rate', q, c, r) as Graph;
  }

  @Get('graphs/errors/rate')
  @Doc({ summary: 'Error rate over time (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsRateSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-rate', q, c, r) as Graph;
  }

  @Get('graphs/errors-stack')
  @Doc({ summary: 'Errors by status code over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsStack(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-stack', q, c, r) as Graph;
  }

  @Get('graphs/errors/stacks')
  @Doc({ summary: 'Errors by status code over time (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsStackSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-stack', q, c, r) as Graph;
  }

  @Get('graphs/errors-status-code')
  @Doc({ summary: 'Errors by status code', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsStatusCode(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-status-code', q, c, r) as Graph;
  }

  @Get('graphs/errors/status-codes')
  @Doc({ summary: 'Errors by status code (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  errorsStatusCodeSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/errors-status-code', q, c, r) as Graph;
  }

  @Get('graphs/requests-rescued')
  @Doc({ summary: 'Requests rescued by retries and fallbacks', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  requestsRescued(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/requests-rescued', q, c, r) as Graph;
  }

  @Get('graphs/requests/rescued')
  @Doc({ summary: 'Requests rescued (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  requestsRescuedSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/requests-rescued', q, c, r) as Graph;
  }

  @Get('graphs/cache-hit-rate')
  @Doc({ summary: 'Cache hit rate and savings over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  cacheHitRate(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/cache-hit-rate', q, c, r) as Graph;
  }

  @Get('graphs/cache/hit-rate')
  @Doc({ summary: 'Cache hit rate (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  cacheHitRateSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/cache-hit-rate', q, c, r) as Graph;
  }

  @Get('graphs/cache-latency')
  @Doc({ summary: 'Latency of cache hits over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  cacheLatency(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/cache-latency', q, c, r) as Graph;
  }

  @Get('graphs/cache/latency')
  @Doc({ summary: 'Latency of cache hits (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  cacheLatencySpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/cache-latency', q, c, r) as Graph;
  }

  @Get('graphs/feedbacks')
  @Doc({ summary: 'Feedback over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  feedbacks(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/feedbacks', q, c, r) as Graph;
  }

  @Get('graphs/feedbacks/score')
  @Doc({ summary: 'Feedback by score', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  feedbacksScore(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/feedbacks-score', q, c, r) as Graph;
  }

  @Get('graphs/feedbacks/scores')
  @Doc({ summary: 'Feedback by score (spec spelling)', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  feedbacksScoreSpec(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/feedbacks-score', q, c, r) as Graph;
  }

  @Get('graphs/feedbacks/weighted')
  @Doc({ summary: 'Weighted feedback over time', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  feedbacksWeighted(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/feedbacks-weighted', q, c, r) as Graph;
  }

  @Get('graphs/feedbacks/ai-models')
  @Doc({ summary: 'Feedback by AI model', response: 'AnalyticsGraph' })
  @Authorize('analytics.view')
  feedbacksAiModels(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Graph {
    return analyticsAnswer(this.edge, 'graphs/feedbacks-ai-models', q, c, r) as Graph;
  }
}
