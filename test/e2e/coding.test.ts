/**
 * Transcripts, pseudonymisation and coding in Chromium: the lead uploads a .txt transcript (fictional names and
 * places, speaker turns I:/R:, emoji, a CRLF line ending) — first for a participant without consent (refused, with
 * the reason), then for one with consent — and sees the recognised turns; accepts the pseudonymisation proposals
 * (all names at once, a place one by one), applies them and lands in the workspace with [Naam 1] … instead of the
 * names; creates a code, selects text (a DOM selection set inside the view) and applies the code, sees the
 * highlight and its margin label, selects a turn with the keyboard and applies the code with its number key, undoes
 * that with Ctrl+Z; reloads and finds the coding again, adds a memo to it; searches the study's documents and codes
 * the hit (found by its stem) at once; retrieves the code's segments with the participant's attributes and filters them;
 * sees an apply the server refuses (the document changed meanwhile) rolled back with its message. axe-core finds
 * no violations on any page, the CSP is never violated, and nothing scrolls sideways on a phone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { type ApiSession, type RunningServer, acceptLinkApi, apiCall, axeViolations, launchChromium, recordA11y, signInPage, startServer } from './support';

let server: RunningServer;
let browser: Browser;
const LEAD = { name: 'Lotte Leider', email: 'lotte@example.org', password: 'lotte-wachtwoord-1' };
let slug = '';
let consented = { id: '', code: '' };
let refused = { id: '', code: '' };
let workspaceUrl = '';
let codeId = '';
let lead = { cookie: '', csrf: '' };
const visited: Record<string, string[]> = {};
const cspErrors: string[] = [];

/** Fictional people and places; CRLF after the first two lines, LF after the others; emoji (a ZWJ family too). */
const TRANSCRIPT =
  'I: Goedemiddag Marieke, fijn dat je er bent. Hoe gaat het nu thuis?\r\n' +
  'R: Goed! 😀 Sinds Daan weer thuis woont in Zwolle, gaat het beter. De gezinsvoogd van Jeugdzorg Oost kwam elke week.\r\n' +
  'I: Wat was voor jou het grootste knelpunt?\n' +
  'R: De omgang in het begin. Daan mocht maar één keer per maand naar huis, en dat was veel te weinig. 👨‍👩‍👧\n' +
  'I: En hoe ging het op school?\n' +
  'R: De juf in Deventer hielp heel goed mee.\n';

const today = () => new Date().toISOString().slice(0, 10);

const check = (page: Page, name: string) => recordA11y(page, visited, name);

const api = (path: string, init: { method?: string; body?: unknown; session: ApiSession }) => apiCall(server, path, init);

const acceptLink = (link: string, body: Record<string, string>) => acceptLinkApi(server, link, body);

const signIn = (who: { email: string; password: string }, viewport?: { width: number; height: number }) => signInPage(browser, server, who, { problems: cspErrors, viewport });

/** Selects `phrase` inside the document view the way a mouse would: a DOM selection in the block's text. */
async function selectInView(page: Page, phrase: string) {
  await page.evaluate((p) => {
    const texts = [...document.querySelectorAll<HTMLElement>('.cv [data-index] [data-text]')];
    const el = texts.find((t) => (t.textContent ?? '').includes(p));
    if (!el) throw new Error(`"${p}" is not in the rendered text`);
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const at = n.data.indexOf(p);
      if (at >= 0) {
        el.closest<HTMLElement>('[data-index]')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, button: 0 }));
        document.getSelection()!.setBaseAndExtent(n, at, n, at + p.length);
        window.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, button: 0 }));
        return;
      }
    }
    throw new Error(`"${p}" is split over several text nodes`);
  }, phrase);
}

/** The block of the view whose text contains `phrase`. */
const blockWith = (page: Page, phrase: string) => page.locator('.cv [data-index]').filter({ has: page.locator('[data-text]', { hasText: phrase }) });

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
  lead = await acceptLink(server.setupLink!, LEAD);
  const study = await api('/api/studies', { method: 'POST', body: { title: 'Terug naar huis: gesprekken' }, session: lead });
  expect(study.status).toBe(200);
  slug = study.body.slug;
  expect(study.body.modules.map((m: { key: string }) => m.key)).toContain('coding');
  // two parents: one consented to take part, the other has no consent recorded
  for (const which of ['consented', 'refused'] as const) {
    const p = await api(`/api/studies/${slug}/participants`, { method: 'POST', body: { role: 'parent', ageBand: 'adult', situation: 'returned_home' }, session: lead });
    expect(p.status).toBe(200);
    if (which === 'consented') consented = { id: p.body.id, code: p.body.code };
    else refused = { id: p.body.id, code: p.body.code };
  }
  const consent = await api(`/api/studies/${slug}/participants/${consented.id}/consent`, {
    method: 'POST',
    body: { letterVersion: 'v1', date: today(), givenBy: 'participant', kind: 'consent', method: 'written', scopes: { participation: true, audio_recording: true, quotes: true, archiving: true } },
    session: lead,
  });
  expect(consent.status).toBe(200);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('transcripts, pseudonymisation and the coding workspace', () => {
  it('imports a transcript: refused without consent (with the reason), then accepted, with the speaker turns shown', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}`);
    await page.getByRole('link', { name: 'Documenten en codering', exact: true }).click();
    await page.waitForURL(/\/documenten$/);
    await page.getByRole('heading', { level: 1, name: 'Documenten en codering' }).waitFor();
    await page.getByText('Er zijn nog geen documenten.', { exact: false }).waitFor();
    await check(page, 'documents (empty)');

    await page.getByRole('link', { name: 'Transcript importeren' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Transcript importeren' }).waitFor();
    // nothing chosen: the errors are named and focus goes to the first field
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByText('Geef het document een titel.').first().waitFor();
    await page.getByText('Kies een bestand.').first().waitFor();
    await check(page, 'import (errors)');

    await page.getByLabel('Transcriptbestand').setInputFiles({ name: 'gesprek-ouder.txt', mimeType: 'text/plain', buffer: Buffer.from(TRANSCRIPT, 'utf8') });
    expect(await page.getByLabel('Titel').inputValue()).toBe('gesprek-ouder');
    await page.getByLabel('Titel').fill('Gesprek met een ouder');
    await page.getByLabel('Deelnemer').selectOption(refused.id);
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Geen toestemming: het transcript is niet opgeslagen' });
    await refusal.waitFor();
    await refusal.getByText(new RegExp(`Deelnemer ${refused.code}: .+`)).waitFor();
    await refusal.getByRole('link', { name: 'Toestemming van deze deelnemer bekijken of vastleggen' }).waitFor();
    await check(page, 'import (consent refused)');

    await page.getByLabel('Deelnemer').selectOption(consented.id);
    await page.getByRole('button', { name: 'Importeren', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Geïmporteerd: Gesprek met een ouder' }).waitFor();
    await page.getByText('6 spreekbeurten herkend (sprekers: I, R).').waitFor();
    const turns = page.getByRole('table', { name: 'Herkende spreekbeurten' });
    await expect.poll(() => turns.getByRole('row').count(), { timeout: 10_000 }).toBe(7);
    await turns.getByRole('row', { name: /R .*Goed! 😀 Sinds Daan/ }).waitFor();
    await check(page, 'import (done)');

    await page.getByRole('link', { name: 'Pseudonimiseren', exact: true }).click();
    await page.waitForURL(/\/documenten\/[0-9a-f-]{36}\/pseudonimiseren$/);
    workspaceUrl = page.url().replace(/\/pseudonimiseren$/, '');
  });

  it('pseudonymises: all names at once, one place by hand; the workspace shows labels instead', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${workspaceUrl}/pseudonimiseren`);
    await page.getByRole('heading', { level: 1, name: 'Pseudonimiseren: Gesprek met een ouder' }).waitFor();
    // nothing is accepted by default
    await page.getByText(/voorstellen, 0 gekozen\./).waitFor();
    expect(await page.getByRole('checkbox', { checked: true }).count()).toBe(0);
    await check(page, 'pseudonymise (proposals)');

    await page.getByRole('button', { name: 'Alle namen accepteren' }).click();
    await page.getByRole('status').getByText('Namen: alle 3 voorstellen geaccepteerd.').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Vervangen: Marieke' }).isChecked()).toBe(true);
    // a place with the keyboard; the institution's kind corrected to a place is fine too
    await page.getByRole('checkbox', { name: 'Vervangen: Zwolle' }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox', { name: 'Vervangen: Zwolle' }).isChecked()).toBe(true);
    await page.getByRole('checkbox', { name: 'Vervangen: Jeugdzorg Oost' }).check();
    await page.getByRole('button', { name: 'Toepassen (5 fragmenten)' }).waitFor();
    await page.getByRole('button', { name: 'Sleutel tonen' }).click();
    await page.getByText('Er zijn in dit onderzoek nog geen pseudoniemen toegekend.').waitFor();
    await check(page, 'pseudonymise (chosen)');

    await page.getByRole('button', { name: 'Toepassen (5 fragmenten)' }).click();
    await page.waitForURL((u) => u.toString() === workspaceUrl);
    await page.getByText('5 fragmenten zijn vervangen door labels. U ziet nu versie 2.').waitFor();
    const view = page.getByRole('region', { name: 'Tekst van Gesprek met een ouder' });
    await view.getByText(/Goedemiddag \[Naam 1\]/).waitFor();
    await view.getByText(/Sinds \[Naam 2\] weer thuis woont in \[Plaats 1\]/).waitFor();
    expect(await view.getByText('Marieke').count()).toBe(0);
    // Deventer was not accepted: it stays
    await view.getByText(/juf in Deventer/).waitFor();
    await check(page, 'workspace (pseudonymised)');
  });

  it('creates a code, applies it to selected text and to a turn chosen with the keyboard, and undoes the last one', async () => {
    const page = await signIn(LEAD);
    await page.goto(workspaceUrl);
    await page.getByRole('heading', { level: 1, name: 'Gesprek met een ouder' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Codeboek' }).waitFor();
    await page.getByText('Het codeboek is nog leeg.', { exact: false }).waitFor();

    await page.getByRole('button', { name: 'Nieuwe code' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Knelpunt');
    await page.getByRole('button', { name: 'Code toevoegen' }).click();
    await page.getByRole('status').getByText('Code Knelpunt toegevoegd.').waitFor();
    const apply = page.getByRole('button', { name: 'Knelpunt', exact: true });
    await apply.waitFor();
    // its number key, for screen readers too
    expect(await apply.getAttribute('aria-keyshortcuts')).toBe('1');
    expect(await page.locator(`#${await apply.getAttribute('aria-describedby')}`).textContent()).toBe('Sneltoets 1');
    await check(page, 'workspace (new code)');

    // a mouse-like selection inside the view
    await selectInView(page, 'De omgang in het begin');
    await page.getByText('Selectie: “De omgang in het begin”').waitFor();
    await page.getByRole('button', { name: 'Knelpunt', exact: true }).click();
    await page.getByRole('status').getByText('Code Knelpunt toegepast op 5 woorden.').waitFor();
    const block = blockWith(page, 'De omgang in het begin');
    await block.locator('[data-codings]', { hasText: 'De omgang in het begin' }).waitFor();
    await block.getByRole('button', { name: /Knelpunt/ }).waitFor();
    expect(await block.getAttribute('aria-describedby')).toBeTruthy();
    await block.getByText('Gecodeerd: Knelpunt').waitFor();

    // the keyboard: the first turn, down to the third ("Wat was voor jou…"), Enter selects it, 1 applies Knelpunt
    await page.getByRole('region', { name: 'Tekst van Gesprek met een ouder' }).locator('[data-index="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    // the speaker label stays out of what is coded
    await page.getByText('Selectie: “Wat was voor jou het grootste knelpunt?”').waitFor();
    await page.keyboard.press('1');
    await page.getByRole('status').getByText('Code Knelpunt toegepast op 7 woorden.').waitFor();
    const question = blockWith(page, 'grootste knelpunt');
    await question.getByText('Gecodeerd: Knelpunt').waitFor();
    // wait until the server has it (the undo history only holds saved codings)
    await page.getByRole('button', { name: 'Ongedaan maken' }).and(page.locator(':enabled')).waitFor();
    await page.keyboard.press('Control+z');
    await page.getByRole('status').getByText('Ongedaan gemaakt: Knelpunt weer van de tekst gehaald.').waitFor();
    await question.getByText('Niet gecodeerd').waitFor();
    await check(page, 'workspace (coded)');

    // the keyboard help
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Sneltoetsen' });
    await help.getByText('De code met dat nummer (in het codeboek) toepassen op de selectie.').waitFor();
    await check(page, 'workspace (shortcut help)');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('finds the coding again after a reload, and keeps a memo on it', async () => {
    const page = await signIn(LEAD);
    await page.goto(workspaceUrl);
    const block = blockWith(page, 'De omgang in het begin');
    await block.getByText('Gecodeerd: Knelpunt').waitFor();
    await block.locator('[data-codings]', { hasText: 'De omgang in het begin' }).waitFor();
    await expect.poll(() => blockWith(page, 'grootste knelpunt').getByText('Niet gecodeerd').count(), { timeout: 10_000 }).toBe(1);

    await block.getByRole('button', { name: /Knelpunt/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Codering: Knelpunt' });
    await dialog.getByText('De omgang in het begin', { exact: true }).waitFor();
    await dialog.getByLabel('Memo').fill('Omgang als eerste knelpunt genoemd.');
    await dialog.getByRole('button', { name: 'Memo opslaan' }).click();
    await dialog.getByText('Memo opgeslagen.').waitFor();
    await check(page, 'workspace (coding dialog)');
    await dialog.getByRole('button', { name: 'Sluiten' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await block.getByRole('button', { name: /^Knelpunt\s*, met memo/ }).waitFor();
    codeId = await page.evaluate(async (s) => {
      const r = await fetch(`/api/studies/${s}/codes`);
      return ((await r.json()) as { codes: { id: string }[] }).codes[0].id;
    }, slug);
  });

  it('searches the study’s documents and codes every hit in one go', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/documenten`);
    const row = page.getByRole('row', { name: /Gesprek met een ouder/ });
    await row.getByText(consented.code).waitFor();
    await row.getByText('Ja', { exact: true }).waitFor();
    await check(page, 'documents (list)');
    await page.getByRole('link', { name: 'Zoeken in de documenten' }).click();
    await page.getByRole('heading', { level: 1, name: 'Zoeken in de documenten' }).waitFor();
    // "gezinsvoogden" finds "gezinsvoogd" by its stem
    await page.getByLabel('Zoekvraag').fill('gezinsvoogden');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await page.getByRole('status').getByText('1 treffer in 1 van 1 documenten.').waitFor();
    await page.getByRole('listitem').filter({ hasText: 'De gezinsvoogd van' }).locator('mark', { hasText: 'gezinsvoogd' }).waitFor();
    await page.getByLabel('Code', { exact: true }).selectOption(codeId);
    await page.getByLabel('Wat coderen').selectOption('turn');
    await check(page, 'search (hits)');
    await page.getByRole('button', { name: '1 treffer coderen' }).click();
    await page.getByRole('status').getByText(/^1 vindplaats gecodeerd met Knelpunt/).waitFor();

    await page.getByRole('link', { name: 'Gesprek met een ouder' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Gesprek met een ouder' }).waitFor();
    await blockWith(page, 'De gezinsvoogd van').getByText('Gecodeerd: Knelpunt').waitFor();
    await page.getByText('1 treffer voor “gezinsvoogden”.').waitFor();
  });

  it('retrieves the segments of the code with the participant and filters them by attribute', async () => {
    const page = await signIn(LEAD);
    await page.goto(`${server.url}/onderzoeken/${slug}/codes`);
    await page.getByRole('heading', { level: 1, name: 'Codeboek en vindplaatsen' }).waitFor();
    await check(page, 'codebook');
    await page.getByRole('link', { name: 'Knelpunt' }).click();
    await page.getByRole('heading', { level: 1, name: 'Vindplaatsen: Knelpunt' }).waitFor();
    await page.getByRole('status').getByText('2 vindplaatsen.').waitFor();
    const first = page.getByRole('article').filter({ hasText: 'De omgang in het begin' });
    await first.getByRole('link', { name: consented.code }).waitFor();
    await first.getByText('Rol: Ouder').waitFor();
    await first.getByText('Omgang als eerste knelpunt genoemd.').waitFor();
    await check(page, 'retrieval');

    await page.getByRole('checkbox', { name: 'Kind', exact: true }).check();
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/rol=child/);
    await page.getByText('Geen vindplaatsen bij deelnemers met deze kenmerken.').waitFor();
    await page.getByRole('checkbox', { name: 'Kind', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Ouder', exact: true }).check();
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/rol=parent/);
    await page.getByRole('status').getByText('2 vindplaatsen.').waitFor();

    // a segment opens the document at its place
    await page.getByRole('article').filter({ hasText: 'De omgang in het begin' }).getByRole('link', { name: 'Gesprek met een ouder' }).click();
    await page.waitForURL(/\?pos=\d+$/);
    await page.getByRole('heading', { level: 1, name: 'Gesprek met een ouder' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('De omgang in het begin');
  });

  it('rolls an apply the server refuses back, with its message, and reloads the document', async () => {
    const page = await signIn(LEAD);
    await page.goto(workspaceUrl);
    const block = blockWith(page, 'juf in Deventer');
    await block.getByText('Niet gecodeerd').waitFor();
    // meanwhile the document gets a new version (Deventer pseudonymised through the API)
    const documentId = workspaceUrl.split('/').pop()!;
    const proposals = await api(`/api/studies/${slug}/documents/${documentId}/pseudonymisation`, { session: lead });
    const deventer = proposals.body.proposals.find((p: { text: string }) => p.text === 'Deventer');
    const changed = await api(`/api/studies/${slug}/documents/${documentId}/pseudonymisation`, {
      method: 'POST',
      body: { baseVersion: proposals.body.version, spans: [{ start: deventer.start, end: deventer.end, kind: 'place', index: deventer.index }] },
      session: lead,
    });
    expect(changed.status).toBe(200);

    await block.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    const failure = page.getByRole('alert').filter({ hasText: 'Het document is intussen gewijzigd (nu versie 3).' });
    await failure.waitFor();
    await page.getByRole('status').getByText(/^Knelpunt is niet toegepast: /).waitFor();
    await block.getByText('Niet gecodeerd').waitFor();
    await check(page, 'workspace (apply refused)');
    await failure.getByRole('button', { name: 'Document opnieuw laden' }).click();
    await page.getByText('3 van 3').waitFor();
    await page.getByRole('region', { name: 'Tekst van Gesprek met een ouder' }).getByText(/juf in \[Plaats 2\]/).waitFor();
    // the codings moved with their text to the new version
    await blockWith(page, 'De omgang in het begin').getByText('Gecodeerd: Knelpunt').waitFor();
  });

  it('works on a phone-sized screen', async () => {
    const page = await signIn(LEAD, { width: 375, height: 740 });
    const docPath = workspaceUrl.replace(/.*\/documenten\//, 'documenten/');
    for (const p of ['documenten', 'documenten/importeren', 'documenten/zoeken?q=omgang', docPath, `${docPath}/pseudonimiseren`, `codes/${codeId}`]) {
      await page.goto(`${server.url}/onderzoeken/${slug}/${p}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `horizontal scroll on ${p}`).toBeLessThanOrEqual(0);
      visited[`phone ${p}`] = await axeViolations(page);
    }
  });

  it('has no axe-core violations and no CSP violations on any page visited', () => {
    expect(Object.keys(visited).length).toBeGreaterThan(15);
    const bad = Object.entries(visited).filter(([, v]) => v.length > 0);
    expect(bad, JSON.stringify(bad, null, 2)).toEqual([]);
    expect(cspErrors).toEqual([]);
  });
});
