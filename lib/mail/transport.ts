import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { mailConfig, type MailConfig } from './config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Deterministic, `<…@…>`: the same event to the same person always has the same id, so a receiver can drop a repeat. */
  messageId: string;
  /** One-click unsubscribe (RFC 8058): the URL that unfollows on POST. */
  unsubscribeUrl?: string;
}

export interface MailTransport {
  /** Resolves once the server (or the sink) has accepted the message; rejects otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

function envelope(config: Pick<MailConfig, 'from'>, m: MailMessage): nodemailer.SendMailOptions {
  return {
    from: config.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: m.messageId,
    headers: m.unsubscribeUrl ? { 'List-Unsubscribe': `<${m.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
  };
}

/** SMTP to SMTP_URL, or the file sink when it is unset. */
export function createMailTransport(config: MailConfig = mailConfig()): MailTransport {
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport(config.smtpUrl, {
      // Short timeouts: the outbox row's lease must outlast one message.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    return {
      async send(m) {
        await smtp.sendMail(envelope(config, m));
      },
      close: () => smtp.close(),
    };
  }
  const render = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m) {
      const info = await render.sendMail(envelope(config, m));
      await fs.mkdir(config.sinkDir, { recursive: true });
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${m.messageId.replace(/[^A-Za-z0-9.-]/g, '')}.eml`;
      await fs.writeFile(path.join(config.sinkDir, name), info.message as Buffer);
    },
    close: () => render.close(),
  };
}
