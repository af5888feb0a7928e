/**
 * PDF through headless Chromium (playwright-core drives an installed Chromium; it never downloads one). Chromium is
 * found at TNH_CHROMIUM_PATH, else at the usual system paths; without it the build fails with a clear Dutch
 * message. The page gets the standalone HTML and may make no requests at all.
 */
import fs from 'node:fs';
import { AppError } from '../../platform/errors';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

export function findChromium(configured: string | null): string | null {
  if (configured) return fs.existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
}

export const noChromium = (configured: string | null) =>
  new AppError(
    'pdf_unavailable',
    configured
      ? `PDF maken lukt niet: Chromium is niet gevonden op ${configured} (TNH_CHROMIUM_PATH). Controleer het pad, of kies HTML of DOCX.`
      : 'PDF maken lukt niet: er is geen Chromium geïnstalleerd op de server. Installeer Chromium (bijvoorbeeld met apt-get install chromium) of geef het pad op met TNH_CHROMIUM_PATH; HTML en DOCX werken wel.',
    409,
  );

export async function htmlToPdf(html: string, chromiumPath: string | null, title: string): Promise<Buffer> {
  const exe = findChromium(chromiumPath);
  if (!exe) throw noChromium(chromiumPath);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      margin: { top: '20mm', bottom: '20mm', left: '18mm', right: '18mm' },
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:9px;width:100%;text-align:center;color:#3d4350">${title.replace(/[<>&"]/g, '')} · pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>`,
      tagged: true,
      outline: true,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}
