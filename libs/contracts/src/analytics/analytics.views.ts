/** A graph (reference §2.13): totals over the range and one point per bucket (or per category). */
export interface AnalyticsGraphView {
  object: 'analytics-graph';
  summary: Record<string, unknown>;
  data_points: Array<Record<string, unknown>>;
}

export interface AnalyticsSummaryView {
  object: 'analytics-summary';
  summary: Record<string, unknown>;
}

export interface AnalyticsGroupView {
  object: 'list';
  total: number;
  data: Array<Record<string, unknown> & { object: 'analytics-group' }>;
  summary?: Record<string, unknown>;
}

export type AnalyticsBody = AnalyticsGraphView | AnalyticsSummaryView | AnalyticsGroupView;

/** The RPC answer: the body, and how far (ms) the store is behind the newest log (`x-portcullis-analytics-lag`). */
export interface AnalyticsAnswer {
  body: AnalyticsBody;
  lagMs: number;
}
