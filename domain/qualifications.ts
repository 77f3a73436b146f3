// Merchants' qualifications (T/QGCML 3125 §4.4: identity proof, special business licences,
// tax registration, product licences, franchise licences and other certificates are
// reviewed, filed and periodically re-reviewed; §4.5: the platform discloses them).
//
// Pure: every rule takes the instant it is judged at, so tests and callers choose "now".
import { z } from 'zod';
import { chinaDate, DAY_MS } from './china-time';

export const qualificationTypes = [
  'identity_proof',
  'business_licence',
  'special_business_licence',
  'tax_registration',
  'product_licence',
  'franchise_licence',
  'other',
] as const;
export const qualificationTypeSchema = z.enum(qualificationTypes);
export type QualificationType = z.infer<typeof qualificationTypeSchema>;

/** Without these a merchant may not sell at all (§4.4). */
export const requiredQualificationTypes: readonly QualificationType[] = ['business_licence', 'tax_registration'];

/** How far ahead a coming expiry flags the merchant for re-review (§4.4 periodic re-review). */
export const REVIEW_HORIZON_DAYS = 30;

const text = z.string().trim().min(1).max(200);

export const qualificationSchema = z.object({
  type: qualificationTypeSchema,
  number: z.string().trim().min(2).max(64),
  issuer: text,
  /** Last day of validity, inclusive, as the document states it (a date in China). */
  validUntil: z.iso.date(),
});
export type Qualification = z.infer<typeof qualificationSchema>;

export type QualificationProblem =
  { type: QualificationType; problem: 'missing' } | { type: QualificationType; problem: 'expired'; validUntil: string };

/** Whether the document is still valid at `at` (its `validUntil` day included). */
export function isValidAt(qualification: Qualification, at: Date): boolean {
  return chinaDate(at) <= qualification.validUntil; // ISO dates compare as strings
}

/**
 * What stops a merchant from selling at `at`: a required type with no filed document, or
 * a filed type whose documents have all expired. A type counts as valid when any of its
 * documents is, so a renewal filed beside the old licence clears the problem.
 */
export function qualificationProblemsAt(qualifications: readonly Qualification[], at: Date): QualificationProblem[] {
  const problems: QualificationProblem[] = [];
  const filedTypes = new Set(qualifications.map((q) => q.type));
  for (const type of requiredQualificationTypes) if (!filedTypes.has(type)) problems.push({ type, problem: 'missing' });
  for (const type of filedTypes) {
    const ofType = qualifications.filter((q) => q.type === type);
    if (ofType.some((q) => isValidAt(q, at))) continue;
    const latest = ofType.map((q) => q.validUntil).sort()[ofType.length - 1] ?? '';
    problems.push({ type, problem: 'expired', validUntil: latest });
  }
  return problems;
}

/** Documents valid now that expire within `days` of `at`: due for re-review (§4.4). */
export function qualificationsExpiringWithin(
  qualifications: readonly Qualification[],
  at: Date,
  days: number = REVIEW_HORIZON_DAYS,
): Qualification[] {
  const horizon = chinaDate(new Date(at.getTime() + days * DAY_MS));
  return qualifications.filter((q) => isValidAt(q, at) && q.validUntil <= horizon);
}

/** One sentence naming each problem, for the 422 a merchant sees. */
export function describeQualificationProblems(problems: readonly QualificationProblem[]): string {
  const parts = problems.map((p) =>
    p.problem === 'missing' ? `${p.type} is not on file` : `${p.type} expired on ${p.validUntil}`,
  );
  return `the merchant's qualifications do not allow selling: ${parts.join('; ')} (T/QGCML 3125 §4.4)`;
}

/**
 * The number as disclosed to the public (§4.5): enough to check it against the document,
 * not enough to copy it. At most the last four characters and never more than half show.
 */
export function maskQualificationNumber(number: string): string {
  const visible = Math.min(4, Math.floor(number.length / 2));
  return '*'.repeat(number.length - visible) + number.slice(number.length - visible);
}
