import { DomainError, type AnalyticsBody, type AnalyticsQuery } from '#libs/contracts';
import { GRAPHS } from './graphs.js';
import { groupSpec, runGroup } from './groups.js';
import type { AnalyticsScope } from './series.js';
import { cacheSummary } from './summaries.js';

export interface ViewContext {
  query: AnalyticsQuery;
  key?: string;
  /** Slugs of the covered workspaces, by id (the workspaces group names them). */
  slugs: Map<string, string>;
}

export type ViewRunner = (s: AnalyticsScope, c: ViewContext) => Promise<AnalyticsBody>;

const unknownView = (view: string) => new DomainError('ANALYTICS.UNKNOWN_VIEW', `no analytics view ${view}`, 404, { errorCode: 'AB08' });

/**
 * What answers a view (`graphs/<name>`, `summary/cache`, `groups/<name>`); `groups/members` needs
 * the membership read models and is answered by the controller. Unknown names are refused before
 * any tenancy or store work.
 */
export function viewRunner(view: string): ViewRunner {
  const [kind, name] = view.split('/') as [string, string];
  if (kind === 'graphs' && Object.hasOwn(GRAPHS, name)) return (s) => GRAPHS[name]!(s);
  if (kind === 'summary' && name === 'cache') return (s) => cacheSummary(s);
  if (kind === 'groups' && name !== 'members') {
    return async (s, c) => {
      const body = await runGroup(s, groupSpec(name, c.query, c.key), c.query);
      if (name === 'workspaces') for (const row of body.data) row.workspace_slug = c.slugs.get(row.workspace_id as string) ?? null;
      return body;
    };
  }
  throw unknownView(view);
}
