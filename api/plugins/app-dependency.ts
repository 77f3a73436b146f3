import type { FastifyInstance } from 'fastify';

/** Whether the app owns a dependency it is given (the server does; a test sharing one does not). */
export interface AppDependencyOptions {
  /** Close the dependency with the app (when the app owns it). */
  closeWithApp: boolean;
}

/**
 * Decorates the app with a dependency built outside it (the ORM, the Temporal client) and,
 * when the app owns it, closes it when the app closes — so a server shuts down cleanly and a
 * test's shared dependency outlives the app.
 */
export function decorateWithDependency<Name extends 'orm' | 'temporal'>(
  app: FastifyInstance,
  name: Name,
  dependency: FastifyInstance[Name],
  close: () => Promise<void>,
  options: AppDependencyOptions,
): void {
  app.decorate<object>(name, dependency);
  if (options.closeWithApp) app.addHook('onClose', close);
}
