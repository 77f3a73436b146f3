import { z } from 'zod';

/**
 * The uses of a consumer's personal data beyond what an order needs, each consented to or
 * objected to on its own (T/QGCML 3125 §7.2: opt-in or opt-out per use). The platform
 * follows the default opt-out model: a consumer consents to a use unless they object.
 */
export const consentUses = ['marketingEmail', 'personalisedRecommendations', 'shareWithPartners'] as const;
export const consentUseSchema = z.enum(consentUses);
export type ConsentUse = z.infer<typeof consentUseSchema>;

/** Whether each use is allowed, given the uses the consumer objected to. */
export function consentsGiven(objections: readonly ConsentUse[]): Record<ConsentUse, boolean> {
  return Object.fromEntries(consentUses.map((use) => [use, !objections.includes(use)])) as Record<ConsentUse, boolean>;
}

/** Objections in a stable order without repeats, so equal sets store and compare equal. */
export function normaliseObjections(objections: readonly ConsentUse[]): ConsentUse[] {
  return consentUses.filter((use) => objections.includes(use));
}
