import { consentUses, type ConsentUse } from './consent';

// The privacy notice of T/QGCML 3125 §7.2.2 (who collects personal data, why, the risks,
// with whom it is shared, how it is protected, the consumer's rights) and the choices of
// §7.2.3 (opt-in or opt-out per use; this platform: consent unless the consumer objects).

export interface PrivacyChoice {
  use: ConsentUse;
  label: string;
  description: string;
  /** Without an objection the use is allowed (default opt-out, §7.2.3). */
  defaultConsented: true;
}

const choiceTexts: Record<ConsentUse, { label: string; description: string }> = {
  marketingEmail: {
    label: 'Marketing e-mail',
    description: 'Offers and news from the platform by e-mail.',
  },
  personalisedRecommendations: {
    label: 'Personalised recommendations',
    description: 'Products suggested from your past orders.',
  },
  shareWithPartners: {
    label: 'Sharing with partners',
    description: 'Your contact details shared with selected partners for their own offers.',
  },
};

export const privacyChoices: PrivacyChoice[] = consentUses.map((use) => ({
  use,
  ...choiceTexts[use],
  defaultConsented: true,
}));

export const privacyNoticeSections: Array<{ heading: string; clause: string; text: string }> = [
  {
    heading: 'What we collect and why',
    clause: '§7.2.2',
    text: 'Your e-mail and password (as a one-way hash) to sign you in; your name, phone and address to deliver your orders; your orders and payments to fulfil and account for them.',
  },
  {
    heading: 'With whom it is shared',
    clause: '§7.2.2, §8.3.3',
    text: 'The merchant you order from and the courier that delivers receive only what they need to fulfil the order; the payment provider receives a one-time payment token, never your card. Partners receive your contact details only if you do not object to that use.',
  },
  {
    heading: 'How it is protected',
    clause: '§7.2.2, §8.3',
    text: 'Contact details are encrypted at rest and in our workflow system; staff reach personal data only as their role allows, and every read is recorded in a tamper-evident audit trail.',
  },
  {
    heading: 'Risks',
    clause: '§7.2.2',
    text: 'No system is free of risk: a leak could expose contact details. We keep as little as we need, encrypt what we keep, and tell you and the authorities if a breach happens.',
  },
  {
    heading: 'Your rights',
    clause: '§7.2.2, §7.2.4',
    text: 'You may view and correct your personal data at any time (GET and PATCH /me) and object to each optional use below (PUT /me/consents).',
  },
];
