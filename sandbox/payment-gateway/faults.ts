import { setTimeout as sleep } from 'node:timers/promises';
import type { Faults } from './schemas';

/**
 * Latency and failure injection, set at start (env) and changed at run time through
 * POST /admin/faults, so tests and demos can make the gateway slow or flaky on demand.
 */
export class FaultInjector {
  private current: Faults;

  constructor(
    private readonly defaults: Faults,
    private readonly random: () => number = Math.random,
  ) {
    this.current = { ...defaults };
  }

  get settings(): Faults {
    return { ...this.current };
  }

  set(changes: Partial<Faults>): Faults {
    this.current = { ...this.current, ...changes };
    return this.settings;
  }

  reset(): Faults {
    this.current = { ...this.defaults };
    return this.settings;
  }

  delay(): Promise<void> {
    return this.current.latencyMs > 0 ? sleep(this.current.latencyMs) : Promise.resolve();
  }

  /** Whether this request fails at the given point (a failure rate of 1 fails every one). */
  failsAt(point: Faults['failurePoint']): boolean {
    return (
      this.current.failurePoint === point && this.current.failureRate > 0 && this.random() < this.current.failureRate
    );
  }
}
