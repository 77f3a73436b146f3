import type { z } from 'zod';
import type { Role } from '../../domain/principal';

/** A resource whose steps are POST /<resource>/:id/<step>: its tag, id parameter and answers. */
export interface StepResource<Params extends z.ZodType, Response extends Record<number, z.ZodType>> {
  tags: string[];
  params: Params;
  /** The step's outcome (200) and the problems a step can answer with. */
  response: Response;
}

/** What each step declares of its own: what it does, who may take it, and its body if any. */
export interface StepDeclaration {
  summary: string;
  roles: readonly Role[];
  body?: z.ZodType;
}

/**
 * The route options every step of a process shares (an order's decisions, a return's steps,
 * a complaint's decisions, a recovery claim's movements): one schema shape for the OpenAPI
 * document, and access by role (api/auth/access.ts). The handler stays the route's own.
 */
export function stepRouteOptions<Params extends z.ZodType, Response extends Record<number, z.ZodType>>(
  resource: StepResource<Params, Response>,
  step: StepDeclaration,
) {
  return {
    schema: {
      tags: resource.tags,
      summary: step.summary,
      params: resource.params,
      ...(step.body ? { body: step.body } : {}),
      response: resource.response,
    },
    config: { access: { roles: step.roles } },
  };
}
