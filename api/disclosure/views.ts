import type { Config } from '../../config/env';
import type { Merchant } from '../../db/entities/merchant.entity';
import { privacyChoices, privacyNoticeSections } from '../../domain/privacy-notice';
import { isValidAt, type Qualification } from '../../domain/qualifications';
import { currentTerms, termsVersions, type TermsVersion } from '../../domain/terms';

// What the public disclosure pages say, as data: the JSON answers and the HTML pages are
// both drawn from these (T/QGCML 3125 §4.1.2, §4.5, §7.2.2, §7.2.3, §7.2.5).

/** The platform's service content (§4.5 "publish the platform's service content"). */
export const serviceContent = [
  'A marketplace where qualified merchants sell to consumers, with prices and delivery fees shown apart (§5.4).',
  'Order confirmation control: every order confirmed or cancelled within the published time (§4.7).',
  'Delivery supervision: handover slips signed by merchant and courier, delivery and cash-on-delivery deadlines (§6.1, §6.2).',
  'Returns, exchanges and refunds within the contracted time (§6.4).',
  'Complaint handling with published response times and advance compensation (§4.7, §4.8).',
];

export function platformView(config: Config) {
  return {
    name: config.PLATFORM_NAME,
    operator: config.PLATFORM_OPERATOR,
    contactEmail: config.PLATFORM_CONTACT_EMAIL,
    licences: config.PLATFORM_LICENCES,
    serviceContent,
    serviceCommitments: '/service-commitments',
  };
}

/**
 * A filed qualification as the public sees it. An identity proof may carry an
 * individual's ID number: only its last four characters are shown (no personal data).
 */
function publicQualification(qualification: Qualification, at: Date) {
  const number =
    qualification.type === 'identity_proof' ? `••••${qualification.number.slice(-4)}` : qualification.number;
  return {
    type: qualification.type,
    number,
    issuer: qualification.issuer,
    validUntil: qualification.validUntil,
    valid: isValidAt(qualification, at),
  };
}

export function merchantQualificationsView(merchant: Merchant, at: Date) {
  return {
    id: merchant.id,
    name: merchant.name,
    status: merchant.status,
    lastReviewedAt: merchant.lastReviewedAt.toISOString(),
    qualifications: merchant.qualifications.map((q) => publicQualification(q, at)),
  };
}

export function termsView(terms: TermsVersion = currentTerms) {
  return {
    ...terms,
    current: terms.version === currentTerms.version,
    versions: termsVersions.map((t) => ({ version: t.version, effectiveFrom: t.effectiveFrom })),
  };
}

export function privacyView(config: Config) {
  return {
    controller: {
      name: config.PLATFORM_NAME,
      operator: config.PLATFORM_OPERATOR,
      contact: config.PLATFORM_CONTACT_EMAIL,
    },
    sections: privacyNoticeSections,
    choices: privacyChoices,
    model: 'opt-out' as const,
    howToChoose: 'PUT /me/consents with the uses you object to; GET /me shows your choices (§7.2.3).',
  };
}
