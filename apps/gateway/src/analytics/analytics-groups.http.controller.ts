import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AnalyticsQuery, type AnalyticsGroupView, type AnalyticsSummaryView, type RequestContext } from '#libs/contracts';
import { Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { analyticsAnswer } from './analytics-answer.js';

type Group = Promise<AnalyticsGroupView>;

/**
 * /v1/analytics/groups/* and /summary/cache (reference §2.13), plus `groups/members` (usage per
 * workspace member, for managers and admins). Groups page with `current_page` (0-based) and
 * `page_size`; `groups/{groupBy}` also takes `columns` and `include_total`.
 */
@Controller('v1/analytics')
export class AnalyticsGroupsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Get('summary/cache')
  @Doc({ summary: 'Cache summary: hits, their latency, requests, speed-up', response: 'AnalyticsSummary' })
  @Authorize('analytics.view')
  cache(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Promise<AnalyticsSummaryView> {
    return analyticsAnswer(this.edge, 'summary/cache', q, c, r) as Promise<AnalyticsSummaryView>;
  }

  @Get('groups/users')
  @Doc({ summary: 'Requests and cost by user', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  users(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, 'groups/users', q, c, r) as Group;
  }

  @Get('groups/ai-models')
  @Doc({ summary: 'Requests by AI model', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  aiModels(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, 'groups/ai-models', q, c, r) as Group;
  }

  @Get('groups/workspaces')
  @Doc({ summary: 'Usage by workspace', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  workspaces(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, 'groups/workspaces', q, c, r) as Group;
  }

  @Get('groups/members')
  @Doc({ summary: 'Usage by workspace member (managers and admins)', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  members(@Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, 'groups/members', q, c, r) as Group;
  }

  @Get('groups/metadata/:key')
  @Doc({ summary: 'Usage by the values of a metadata key', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  metadata(@Param('key') key: string, @Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, 'groups/metadata', q, c, r, key) as Group;
  }

  @Get('groups/:groupBy')
  @Doc({ summary: 'Usage grouped by ai_service, model, status_code, api_key, config, workspace, provider or prompt', response: 'AnalyticsGroupList' })
  @Authorize('analytics.view')
  grouped(@Param('groupBy') groupBy: string, @Query() q: AnalyticsQuery, @Caller() c: RequestContext, @Res({ passthrough: true }) r: FastifyReply): Group {
    return analyticsAnswer(this.edge, `groups/${groupBy}`, q, c, r) as Group;
  }
}
