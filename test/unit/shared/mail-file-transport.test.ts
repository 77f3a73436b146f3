import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { createMailer, mailDirectory, messageIdFor, type Mailer } from '../../../activities/shared/providers/mailer';
import { repoRoot } from '../../../config/paths';

const MAIL_FROM = 'StoreOps <noreply@storeops.local>';

// Development mail (SMTP_URL=file:…): each message is a real RFC 822 file under var/mail.
describe('mailer: file transport', () => {
  let directory: string;
  let mailer: Mailer;

  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'storeops-mail-'));
    mailer = createMailer({ SMTP_URL: `file:${directory}`, MAIL_FROM });
  });
  afterEach(async () => {
    mailer.close();
    await rm(directory, { recursive: true, force: true });
  });

  const message = (key: string) => ({
    to: { address: 'han.meimei@example.com', name: '韩梅梅' },
    subject: '订单已确认：ord-1 / Order confirmed: ord-1',
    text: '商家已确认您的订单。\n\nThe merchant has confirmed your order.',
    html: '<p>商家已确认您的订单。</p>',
    messageId: messageIdFor(key, MAIL_FROM),
    headers: { 'X-StoreOps-Mail-Purpose': 'order_confirmed_consumer' },
  });

  it('writes each message as a parseable .eml file with CRLF line ends', async () => {
    const sent = await mailer.send(message('order:ord-1:order_confirmed_consumer'));

    const files = await readdir(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const raw = await readFile(path.join(directory, files[0]!));
    expect(raw.toString('latin1')).toMatch(/^[^\n]*\r\n/);
    const parsed = await simpleParser(raw);
    expect(parsed.messageId).toBe(sent.messageId);
    expect(parsed.subject).toBe('订单已确认：ord-1 / Order confirmed: ord-1');
    expect(parsed.text).toContain('商家已确认您的订单。');
    expect(parsed.html).toContain('<p>商家已确认您的订单。</p>');
    expect(parsed.from?.value[0]).toMatchObject({ address: 'noreply@storeops.local', name: 'StoreOps' });
    expect(parsed.to && !Array.isArray(parsed.to) && parsed.to.value[0]).toMatchObject({
      address: 'han.meimei@example.com',
      name: '韩梅梅',
    });
    expect(parsed.headers.get('x-storeops-mail-purpose')).toBe('order_confirmed_consumer');
    expect(sent.accepted).toEqual(['han.meimei@example.com']);
  });

  it('replaces the file of a re-sent message instead of adding a second one', async () => {
    await mailer.send(message('order:ord-1:order_confirmed_consumer'));
    await mailer.send(message('order:ord-1:order_confirmed_consumer'));
    await mailer.send(message('order:ord-2:order_confirmed_consumer'));

    expect((await readdir(directory)).filter((file) => file.endsWith('.eml'))).toHaveLength(2);
  });

  it('resolves relative directories against the repository root', () => {
    expect(mailDirectory('file:var/mail')).toBe(path.join(repoRoot, 'var/mail'));
    expect(mailDirectory('file:/srv/mail')).toBe('/srv/mail');
    expect(mailDirectory('file:///srv/mail')).toBe('/srv/mail');
  });

  it('refuses an SMTP_URL it cannot send with', () => {
    expect(() => createMailer({ SMTP_URL: 'http://mail.example.com', MAIL_FROM })).toThrow(/SMTP_URL/);
  });
});
