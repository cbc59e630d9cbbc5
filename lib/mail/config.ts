import path from 'node:path';

export interface MailConfig {
  /** smtp:// or smtps:// URL of the server that takes the portal's mail; null means the file sink. */
  smtpUrl: string | null;
  /** Folder of the file sink: one .eml file per message. */
  sinkDir: string;
  from: string;
  /** The portal's public address, for links in mails. */
  baseUrl: string;
}

/**
 * Where mail goes: SMTP_URL when set, else a folder of .eml files (MAIL_SINK_DIR, by default `mail/`
 * inside the PGlite data folder, DATA_DIR or ./data), so development needs no mail server.
 */
export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig {
  const baseUrl = (env.NEXTAUTH_URL?.trim() || `http://localhost:${env.PORT?.trim() || '3000'}`).replace(/\/+$/, '');
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    sinkDir: path.resolve(env.MAIL_SINK_DIR?.trim() || path.join(env.DATA_DIR?.trim() || './data', 'mail')),
    from: env.MAIL_FROM?.trim() || `阳泉市生态修复资金公开平台 <no-reply@${new URL(baseUrl).hostname}>`,
    baseUrl,
  };
}
