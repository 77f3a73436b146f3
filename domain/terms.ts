// The terms of sale a consumer confirms by placing an order (T/QGCML 3125 §7.2.5: terms the
// consumer confirms). Versioned: a change adds a new version and never edits a published
// one, so the version an order records always names the text the consumer saw.

export interface TermsVersion {
  version: string;
  effectiveFrom: string;
  sections: Array<{ heading: string; text: string }>;
}

export const termsVersions: readonly TermsVersion[] = [
  {
    version: '2026-11-01',
    effectiveFrom: '2026-11-01',
    sections: [
      {
        heading: 'Who sells',
        text: 'Each product is sold by the merchant named on it; the platform operator runs the marketplace, takes payment on the merchant’s behalf and supervises merchants and couriers (§4.5, §6.1).',
      },
      {
        heading: 'Prices',
        text: 'The goods amount and the delivery fee are shown separately before you order; the total is what you pay (§5.4).',
      },
      {
        heading: 'Confirmation',
        text: 'The merchant confirms your order within the time published on the service commitments page, or the order is cancelled and the payment released (§4.7).',
      },
      {
        heading: 'Delivery and returns',
        text: 'Goods are handed to the courier against a slip signed by both; returns and exchanges follow the same procedure and an eligible refund is paid within the contracted time (§6.2, §6.4).',
      },
      {
        heading: 'Complaints',
        text: 'Complaints are answered within the published response time; when a merchant or courier does not answer, the platform answers and may compensate you first (§4.7, §4.8).',
      },
      {
        heading: 'Personal data',
        text: 'Your personal data is handled as the privacy notice describes; you may view and correct it and object to each optional use at any time (§7.2).',
      },
    ],
  },
];

/** The terms in force: the newest version. Orders record its `version`. */
export const currentTerms: TermsVersion = termsVersions[termsVersions.length - 1] as TermsVersion;

export function termsOfVersion(version: string): TermsVersion | undefined {
  return termsVersions.find((terms) => terms.version === version);
}
