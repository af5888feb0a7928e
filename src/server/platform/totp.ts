/** Time-based one-time passwords (RFC 6238) for the optional second factor. */
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

const ISSUER = 'Terug naar huis';

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totp(secret: string, label: string) {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function otpauthUrl(secret: string, label: string): string {
  return totp(secret, label).toString();
}

export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
}

/** Returns the time step of a valid code (±1 step tolerance), or null. */
export function checkTotp(secret: string, code: string, now = Date.now()): number | null {
  const delta = totp(secret, 'x').validate({ token: code, window: 1, timestamp: now });
  if (delta === null) return null;
  return Math.floor(now / 30_000) + delta;
}

export function totpCodeFor(secret: string, now = Date.now()): string {
  return totp(secret, 'x').generate({ timestamp: now });
}
