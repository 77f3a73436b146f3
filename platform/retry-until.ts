/**
 * Runs `attempt` until it resolves (or returns), every `intervalMs`; once `timeoutMs` has
 * passed, the last failure is thrown. For what becomes true on its own a little later: a
 * server that starts listening, a namespace its frontend learns of, a workflow's effect a
 * test waits for.
 */
export async function retryUntil<T>(attempt: () => T | Promise<T>, timeoutMs: number, intervalMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
