/** The bare baseline's activity: a round trip through Temporal and nothing else. */
export function createBareActivities() {
  return {
    async step(): Promise<void> {},
  };
}
