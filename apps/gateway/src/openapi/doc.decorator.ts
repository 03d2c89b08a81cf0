import { SetMetadata } from '@nestjs/common';

export const ROUTE_DOC = 'portcullis:route-doc';

/** What the OpenAPI document says about a route beyond what its decorators already tell. */
export interface RouteDoc {
  summary: string;
  /** A schema of `VIEW_SCHEMAS` (the 200 response). */
  response: string;
  /** Routes whose scope depends on the resource (API keys): the scopes that may apply. */
  scopes?: string[];
  description?: string;
}

export const Doc = (doc: RouteDoc) => SetMetadata(ROUTE_DOC, doc);
