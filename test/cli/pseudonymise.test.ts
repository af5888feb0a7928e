/**
 * `tnh pseudonymise detect FILE [--json]`: needs no database, so it runs without an installation's
 * database (an empty data dir only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/platform';
import { tnh, type Installation } from './tnh';

const inst: Installation = { dataDir: tempDir('tnh-cli-pseudo-'), databaseUrl: null };
afterAll(() => fs.rmSync(inst.dataDir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const p = path.join(inst.dataDir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe.concurrent('tnh pseudonymise detect', { timeout: 120_000 }, () => {
  it('--json prints the proposals with code-point offsets, after a BOM', async () => {
    const text = '😀 Ik ben Fatima, ik woon in Zwolle.\r\nBel 06-12345678.';
    const f = file('fragment.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]));
    const r = await tnh(inst, ['pseudonymise', 'detect', f, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { start: 9, end: 15, kind: 'name', text: 'Fatima' },
      { start: 28, end: 34, kind: 'place', text: 'Zwolle' },
      { start: 41, end: 52, kind: 'phone', text: '06-12345678' },
    ]);
  });

  it('prints a Dutch table without --json', async () => {
    const f = file('tabel.txt', 'Mevrouw De Vries woont op de Kerkstraat 12 in Utrecht.');
    const r = await tnh(inst, ['pseudonymise', 'detect', f]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Begin\s+Eind\s+Soort\s+Tekst\n/);
    expect(r.stdout).toMatch(/\bNaam\s+De Vries\n/);
    expect(r.stdout).toMatch(/\bAdres\s+Kerkstraat 12\n/);
    expect(r.stdout).toMatch(/\bPlaats\s+Utrecht\n/);
    expect(r.stdout).toContain('3 voorstellen');
  });

  it('says so when there is nothing to propose', async () => {
    const r = await tnh(inst, ['pseudonymise', 'detect', file('leeg.txt', 'Toen ging alles heel snel.')]);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('Geen voorstellen gevonden.');
  });

  it('a missing file: exit 1 and a message on stderr', async () => {
    const missing = path.join(inst.dataDir, 'bestaat-niet.txt');
    const r = await tnh(inst, ['pseudonymise', 'detect', missing, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`Bestand niet gevonden: ${missing}`);
  });

  it('--help explains the offsets', async () => {
    const r = await tnh(inst, ['pseudonymise', 'detect', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--json');
    expect(r.stdout).toMatch(/codepunten/);
    expect(r.stdout).toMatch(/BOM/);
  });
});
