import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  to: string[];
  messageId: string;
  subject: string;
  headers: string;
  text: string;
}

function decodeBody(headers: string, body: string): string {
  const encoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
    return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
  }
  return body;
}

/**
 * A real SMTP server on a free local port that keeps what it accepted. `dropAfter(n)` makes it
 * accept n more messages and then refuse the next ones with 421 (closing the connection), as a server (or a worker's
 * network) failing mid-delivery would.
 */
export async function startSmtpCatcher() {
  const mails: CaughtMail[] = [];
  let budget: number | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (budget !== null && budget <= 0) {
          // Never accepted: the server gives up on the message (421 closes the transmission channel).
          callback(Object.assign(new Error('service closing'), { responseCode: 421 }));
          return;
        }
        if (budget !== null) budget--;
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.search(/\r?\n\r?\n/);
        const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
        const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
        mails.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^message-id:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '',
          subject: /^subject:\s*(.+)$/im.exec(headers)?.[1]?.trim() ?? '',
          headers,
          text: decodeBody(headers, body),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    dropAfter(n: number | null) {
      budget = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
