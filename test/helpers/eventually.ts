/**
 * Retries an assertion until it passes or the time is up, for effects that a workflow
 * makes asynchronously on the real stack (a dev server, not the time-skipping one).
 */
export async function eventually<T>(assertion: () => T | Promise<T>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
