import type { z } from 'zod';
import type { RouteAccess } from '../auth/access';
import { problemSchema } from './problem';

/** What a "read one resource by its id" route (GET /<resource>/:id) declares of its own. */
export interface ReadOneRoute<Params extends z.ZodType, View extends z.ZodType> {
  tags: string[];
  summary: string;
  description?: string;
  params: Params;
  /** The resource's view: the 200 answer. */
  view: View;
  access: RouteAccess;
  /**
   * The id parameter has a format (a uuid, a year) that the route documents as a 400 problem
   * when it is malformed; without it only the 404 is documented.
   */
  documentsMalformedId?: boolean;
}

/**
 * The route options every GET-one route shares: the resource's view or a 404 problem (a
 * foreign or unknown id alike, so existence is not revealed — T/QGCML 3125 §8.3.2), and
 * access by role (api/auth/access.ts). The handler, which loads and presents, stays the
 * route's own.
 */
export function readOneRouteOptions<Params extends z.ZodType, View extends z.ZodType>(
  route: ReadOneRoute<Params, View>,
) {
  const { tags, summary, description, params, view, access } = route;
  const response = route.documentsMalformedId
    ? { 200: view, 400: problemSchema, 404: problemSchema }
    : { 200: view, 404: problemSchema };
  return {
    schema: { tags, summary, ...(description ? { description } : {}), params, response },
    config: { access },
  };
}
