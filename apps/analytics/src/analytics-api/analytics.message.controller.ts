import { Controller, Inject, Optional } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import { AnalyticsRequest, AnalyticsSubjects, DomainError, type AnalyticsAnswer, type AnalyticsBody, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { orgMemberId, workspaceMembersProjection, type OrgMemberDoc, type WorkspaceDoc, type WorkspaceMemberDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ANALYTICS_FRESHNESS, ANALYTICS_STORE, type AnalyticsFreshness } from '../analytics-store/analytics-store.tokens.js';
import type { AnalyticsStore } from '../analytics-store/analytics-store.port.js';
import { analyticsFilter, timeRange } from './analytics-filter.js';
import { viewRunner, type ViewRunner } from './analytics-catalog.js';
import { bucketsFor } from './granularity.js';
import { memberGroup, mergeMembers, type MemberInfo } from './members.js';
import type { AnalyticsScope } from './series.js';
import { analyticsWorkspaces, assertManager } from './tenancy.js';

/** How long a query waits for the store to apply what `LOGS` holds now; past it, it answers (the lag header tells). */
const CATCH_UP_MS = Number(process.env.PORTCULLIS_ANALYTICS_CATCH_UP_MS ?? 3_000);
const MAX_MEMBERS = 10_000;
const MEMBERS_COLLECTION = workspaceMembersProjection().collection;

/** Every analytics route (reference §2.13, plus groups/members): tenancy, filters, buckets, the store. */
@Controller()
export class AnalyticsMessageController {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Optional() @Inject(ANALYTICS_STORE) private readonly store?: AnalyticsStore,
    @Optional() @Inject(ANALYTICS_FRESHNESS) private readonly freshness?: AnalyticsFreshness,
  ) {}

  @MessagePattern(AnalyticsSubjects.query)
  async query(@RpcPayload() request: AnalyticsRequest, @RpcCaller() caller: RequestContext): Promise<AnalyticsAnswer> {
    const principal = authPrincipal(caller);
    const members = request.view === 'groups/members';
    const runner: ViewRunner | null = members ? null : viewRunner(request.view);
    timeRange(request.query); // 400 before anything else
    if (members) assertManager(principal);
    await this.projections.waitFor(caller.minPosition);
    const workspaces = await analyticsWorkspaces(this.projections, principal, request.query.workspace_slug);
    const filter = analyticsFilter(request.query, { orgId: principal.orgId, workspaceIds: workspaces.map((w) => w._id) });
    if (!this.store) throw new DomainError('ANALYTICS.UNAVAILABLE', 'the analytics store is not available', 503);
    // Bounded inside; refuses (503) while a rebuild runs rather than answer from a half-built store.
    await this.freshness?.catchUp(CATCH_UP_MS);
    const scope: AnalyticsScope = { store: this.store, filter, buckets: bucketsFor(filter.from, filter.to) };
    const body: AnalyticsBody = runner
      ? await runner(scope, { query: request.query, key: request.key, slugs: new Map(workspaces.map((w) => [w._id, w.slug])) })
      : await this.members(scope, principal, workspaces, request);
    return { body, lagMs: Math.max(0, Math.round((await this.freshness?.lagMs().catch(() => 0)) ?? 0)) };
  }

  private async members(scope: AnalyticsScope, principal: AuthPrincipal, workspaces: WorkspaceDoc[], request: AnalyticsRequest) {
    const memberships = (
      await Promise.all(
        workspaces.map((w) => this.projections.collection<WorkspaceMemberDoc>(MEMBERS_COLLECTION).find('byWorkspace', { eq: { workspaceId: w._id }, limit: MAX_MEMBERS })),
      )
    ).flatMap((p) => p.docs);
    const people = await this.projections.collection<OrgMemberDoc>('org_members').getMany([...new Set(memberships.map((m) => orgMemberId(principal.orgId, m.userId)))]);
    const byUser = new Map(people.map((p) => [p.userId, p]));
    const infos: MemberInfo[] = memberships.map((m) => {
      const p = byUser.get(m.userId);
      return { userId: m.userId, email: p?.email ?? null, firstName: p?.firstName ?? null, lastName: p?.lastName ?? null, role: m.role, workspaceIds: [m.workspaceId] };
    });
    // Every user group of the range: members are matched among them (unpaged; users are bounded by traffic).
    const usage = await scope.store.aggregate({ source: 'logs', filter: scope.filter, measures: ['requests', 'tokens', 'cost', 'errors', 'lastSeen'], groupBy: 'user' });
    return memberGroup(mergeMembers(infos), usage.rows, request.query);
  }
}
