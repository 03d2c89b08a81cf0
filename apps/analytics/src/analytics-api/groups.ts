import type { AnalyticsGroupView, AnalyticsQuery } from '#libs/contracts';
import { DEFAULT_PAGE_SIZE } from '#libs/contracts';
import type { LogDimension, Measure } from '../analytics-store/analytics-store.port.js';
import { badQuery } from './bad-query.js';
import { COLUMNS, columnsOf, orderOf } from './columns.js';
import { totals, type AnalyticsScope } from './series.js';

export interface GroupSpec {
  dimension: LogDimension;
  /** The field naming the group in each row. */
  keyField: string;
  columns: string[];
}

/** `groups/{groupBy}` (SDK `groupedData`) and the docs page's `groups/provider`: dimension by name. */
export const GROUP_BY: Record<string, LogDimension> = {
  ai_service: 'aiProvider',
  model: 'model',
  status_code: 'statusCode',
  api_key: 'apiKey',
  config: 'config',
  workspace: 'workspace',
  provider: 'provider',
  prompt: 'prompt',
};

/** The named groups of §2.13 (`metadata` takes its key from the path). */
export function groupSpec(name: string, query: AnalyticsQuery, key?: string): GroupSpec {
  switch (name) {
    case 'users':
      return { dimension: 'user', keyField: 'user', columns: ['requests', 'cost'] };
    case 'ai-models':
      return { dimension: 'model', keyField: 'ai_model', columns: ['requests'] };
    case 'workspaces':
      return { dimension: 'workspace', keyField: 'workspace_id', columns: ['requests', 'cost', 'total_tokens', 'error_count', 'last_seen'] };
    case 'metadata':
      if (!key) throw badQuery('metadata_key', 'is required');
      return { dimension: `metadata:${key}`, keyField: 'metadata_value', columns: ['requests', 'cost', 'avg_tokens', 'avg_weighted_feedback', 'requests_with_feedback', 'last_seen'] };
    default: {
      const dimension = GROUP_BY[name];
      if (!dimension) throw badQuery('group_by', `must be one of ${Object.keys(GROUP_BY).join(', ')}`);
      return { dimension, keyField: name, columns: columnsOf(query.columns, ['requests', 'cost']) };
    }
  }
}

const measuresOf = (columns: string[]) => [...new Set(columns.flatMap((c) => COLUMNS[c]!.measures))] as Measure[];

const shape = (columns: string[], values: Record<string, number | null | undefined>) =>
  Object.fromEntries(columns.map((c) => [c, COLUMNS[c]!.value(values)]));

/** One page of a group, ordered by `order_by` (default requests desc; ties by key). */
export async function runGroup(s: AnalyticsScope, spec: GroupSpec, query: AnalyticsQuery): Promise<AnalyticsGroupView> {
  const size = query.page_size ?? DEFAULT_PAGE_SIZE;
  const index = query.current_page ?? 0;
  const measures = measuresOf(spec.columns);
  const order = orderOf(query.order_by, query.order_by_type);
  const [result, whole] = await Promise.all([
    s.store.aggregate({ source: 'logs', filter: s.filter, measures: measures.length ? measures : ['requests'], groupBy: spec.dimension, order, page: { index, size } }),
    query.include_total === 'true' ? totals(s, 'logs', measures.length ? measures : ['requests']) : Promise.resolve(null),
  ]);
  return {
    object: 'list',
    total: result.totalGroups ?? result.rows.length,
    data: result.rows.map((r) => ({ [spec.keyField]: r.group, ...shape(spec.columns, r.values), object: 'analytics-group' as const })),
    ...(whole ? { summary: shape(spec.columns, whole) } : {}),
  };
}
