import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO addresses of the SMTP transaction. */
  envelopeTo: string[];
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpTestServer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  /** Every message accepted so far, in arrival order. */
  received: ReceivedMail[];
  /** Make RCPT TO fail with this reply code (e.g. 550, 451) until called with null. */
  rejectRecipients(code: number | null): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server in the test process (the `smtp-server` package, as mail providers
 * run it) on a free loopback port, without auth or TLS. A message is parsed and stored
 * before the server answers 250, so when `sendMail` resolves it is already in
 * `received`: tests never wait or sleep.
 */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const received: ReceivedMail[] = [];
  let rejectCode: number | null = null;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejectCode === null) return callback();
      const error = Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: rejectCode });
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            received.push({ envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw, parsed });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  // A sender killed mid-session (the chaos run's SIGKILLed worker) resets its connection;
  // smtp-server reports that as an 'error' on the server, which unhandled would end the
  // whole process. The catcher keeps serving the other senders.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.warn(`[smtp catcher] ${error.message}`);
  });

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    rejectRecipients: (code) => {
      rejectCode = code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
