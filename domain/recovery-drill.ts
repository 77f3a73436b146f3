/**
 * What a disaster-recovery drill must show (T/QGCML 3125 §8.2.3): recovery time under
 * 1 h and 100 % completeness for a general disaster, under 12 h and over 98 % for a
 * severe one. Pure, so workflows, the API and tests share one reading of the standard.
 */
export type DrillScenario = 'general' | 'severe';

export const DRILL_LIMITS: Record<DrillScenario, { rtoSeconds: number; completeness: number; strict: boolean }> = {
  // §8.2.3: "< 1 h" and "100 %": completeness must equal 1.
  general: { rtoSeconds: 3600, completeness: 1, strict: false },
  // §8.2.3: "< 12 h" and "> 98 %": strictly above 0.98.
  severe: { rtoSeconds: 12 * 3600, completeness: 0.98, strict: true },
};

/** Phases in order, with the progress (percent) reached when each one ends. */
export const DRILL_PHASES = [
  ['declare', 10],
  ['restore', 60],
  ['recover', 80],
  ['verify', 95],
  ['report', 100],
] as const;
export type DrillPhase = (typeof DRILL_PHASES)[number][0];

export function percentBefore(phase: DrillPhase): number {
  const index = DRILL_PHASES.findIndex(([name]) => name === phase);
  return index <= 0 ? 0 : DRILL_PHASES[index - 1]![1];
}

export interface DrillVerdictInput {
  scenario: DrillScenario;
  rtoSeconds: number;
  completeness: number;
  auditChainIntact: boolean;
}

export interface DrillVerdict {
  passed: boolean;
  /** Each limit that was missed, in words; empty when passed. */
  reasons: string[];
}

export function evaluateDrill(input: DrillVerdictInput): DrillVerdict {
  const limits = DRILL_LIMITS[input.scenario];
  const reasons: string[] = [];
  if (!(input.rtoSeconds < limits.rtoSeconds))
    reasons.push(`recovery took ${Math.round(input.rtoSeconds)} s, the limit is under ${limits.rtoSeconds} s`);
  const enough = limits.strict ? input.completeness > limits.completeness : input.completeness >= limits.completeness;
  if (!enough)
    reasons.push(
      `completeness ${(Math.floor(input.completeness * 100_000) / 1000).toFixed(3)} % ${limits.strict ? 'is not above' : 'is below'} ${limits.completeness * 100} %`,
    );
  if (!input.auditChainIntact) reasons.push('the audit chain on the standby is broken');
  return { passed: reasons.length === 0, reasons };
}

export function formatSeconds(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h
    ? `${h}h ${String(m).padStart(2, '0')}m ${String(s).padStart(2, '0')}s`
    : `${m}m ${String(s).padStart(2, '0')}s`;
}
