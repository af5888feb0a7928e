/** Sends the survey's e-mails through the SMTP server of TNH_SMTP_URL (nodemailer), plain text only. */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';

export const smtpConfigured = (c: Config) => !!(c.smtpUrl && c.mailFrom);

let cached: { url: string; transport: Transporter } | null = null;

function transport(url: string): Transporter {
  if (cached?.url !== url) {
    cached?.transport.close();
    cached = { url, transport: nodemailer.createTransport(url) };
  }
  return cached.transport;
}

export async function sendMail(config: Config, m: { to: string; subject: string; text: string }): Promise<void> {
  if (!config.smtpUrl || !config.mailFrom) throw new Error('SMTP is not configured');
  await transport(config.smtpUrl).sendMail({ from: config.mailFrom, to: m.to, subject: m.subject, text: m.text });
}
