// One line of the chaos report: an invariant, how many things it looked at, who broke it.
export interface Check {
  name: string;
  checked: number;
  violations: number;
  /** The first few offenders, ids only. */
  examples: string[];
}

export function check(name: string, checked: number, offenders: string[]): Check {
  return { name, checked, violations: offenders.length, examples: offenders.slice(0, 3) };
}

export type Rows<T> = { rows: T[] };
