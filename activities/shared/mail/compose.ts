import { escapeHtml } from './format';

/**
 * One block of a message: a paragraph (its line breaks kept) or preformatted text
 * (reports, whose alignment matters).
 */
export type MailBlock = string | { pre: string };

/** What a template writes: the same message in Chinese and in English. */
export interface BilingualMail {
  subject: { zh: string; en: string };
  zh: MailBlock[];
  en: MailBlock[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = {
  zh: '此邮件由 StoreOps 系统自动发送，请勿直接回复。',
  en: 'This message was sent automatically by StoreOps; please do not reply to it.',
};
const TEXT_DIVIDER = '-'.repeat(40);

/**
 * Lays out one message holding both languages, Chinese first (the platform's customers
 * read Chinese; English serves foreign merchants and staff). Every value in the HTML is
 * escaped, so data can never inject markup.
 */
export function composeBilingual(mail: BilingualMail): RenderedMail {
  const zh = [...mail.zh, FOOTER.zh];
  const en = [...mail.en, FOOTER.en];
  const text = [zh.map(blockText).join('\n\n'), TEXT_DIVIDER, en.map(blockText).join('\n\n')].join('\n\n') + '\n';
  const html = [
    '<!doctype html>',
    '<html><head><meta charset="utf-8"></head>',
    '<body style="font-family:sans-serif;line-height:1.5">',
    `<div lang="zh-CN">${zh.map(blockHtml).join('')}</div>`,
    '<hr>',
    `<div lang="en">${en.map(blockHtml).join('')}</div>`,
    '</body></html>',
  ].join('\n');
  return { subject: `${mail.subject.zh} / ${mail.subject.en}`, text, html };
}

function blockText(block: MailBlock): string {
  return typeof block === 'string' ? block : block.pre;
}

function blockHtml(block: MailBlock): string {
  if (typeof block !== 'string') return `<pre>${escapeHtml(block.pre)}</pre>`;
  return `<p>${escapeHtml(block).replace(/\n/g, '<br>')}</p>`;
}
