import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_RESPONSES } from '../../../../test/fixtures/survey/responses';
import { compile } from '../answers';
import { professionalsSurveyTemplate } from '../template';
import { exportSpss, spssString, truncateBytes } from './spss';

const HAS_PSPP = spawnSync('pspp', ['--version'], { encoding: 'utf8' }).status === 0;
if (!HAS_PSPP) console.warn('GNU PSPP (pspp) niet gevonden: de SPSS-syntax wordt niet uitgevoerd (apt-get install pspp).');

const c = compile(professionalsSurveyTemplate());

describe('SPSS syntax', () => {
  it('quotes and splits labels', () => {
    expect(spssString("Ouder's kind", 100)).toBe("'Ouder''s kind'");
    expect(spssString('a\nb', 100)).toBe("'a b'");
    const long = spssString('x'.repeat(130), 255);
    expect(long.split('\n    + ')).toHaveLength(3);
    expect(truncateBytes('ééé', 5)).toBe('éé');
  });

  it('reads the CSV with GET DATA and declares labels, missing values and levels', () => {
    const { syntax, data } = exportSpss(c, TEMPLATE_RESPONSES, { dataFileName: 'enquete.csv' });
    expect(syntax).toContain("/FILE='enquete.csv'");
    expect(syntax).toContain('/TYPE=TXT');
    expect(syntax).toMatch(/VARIABLE LABELS\n {2}response_id 'Respons-ID'/);
    expect(syntax).toMatch(/VALUE LABELS/);
    expect(syntax).toMatch(/MISSING VALUES\n {2}[a-z_ ]+ \(-1\)\./);
    expect(syntax).toMatch(/VARIABLE LEVEL/);
    expect(data.split('\r\n')).toHaveLength(1 + TEMPLATE_RESPONSES.length + 1); // no line breaks inside answers; ends with CRLF
    expect(data.endsWith('\r\n')).toBe(true);
  });
});

describe.skipIf(!HAS_PSPP)('SPSS syntax in GNU PSPP', () => {
  it('runs and gives the variables, labels, value labels and data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tnh-spss-'));
    try {
      const { syntax, data } = exportSpss(c, TEMPLATE_RESPONSES, { dataFileName: 'enquete.csv' });
      writeFileSync(join(dir, 'enquete.csv'), data);
      writeFileSync(
        join(dir, 'enquete.sps'),
        syntax + 'SET TVARS=NAMES.\nDISPLAY DICTIONARY.\nLIST response_id rol rol_other_text hulp_ontbreekt_other_text knelpunten wachttijd_maanden goede_praktijken prioriteit_nazorg.\n',
      );
      const run = spawnSync('pspp', ['enquete.sps', '-o', 'out.csv'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout + run.stderr).not.toMatch(/error|warning/i);
      const out = readFileSync(join(dir, 'out.csv'), 'utf8');
      const tables = new Map<string, string[][]>();
      for (const block of out.split(/\n(?=Table: )/)) {
        const [first, ...rest] = block.split('\n');
        tables.set(first.replace(/^Table: /, '').trim(), Papa.parse<string[]>(rest.join('\n'), { skipEmptyLines: true }).data);
      }
      // Variables: name, label, level, format, missing values
      const vars = tables.get('Variables')!;
      const header = vars[0];
      const v = (name: string) => {
        const row = vars.find((r) => r[0] === name);
        expect(row, name).toBeDefined();
        return Object.fromEntries(header.map((h, i) => [h, row![i]]));
      };
      expect(v('rol')).toMatchObject({ Label: 'Wat is uw functie?', 'Measurement Level': 'Nominal', 'Print Format': 'F8.0', 'Missing Values': '-1' });
      expect(v('betrokken_kind_uitleg')).toMatchObject({ 'Measurement Level': 'Ordinal' });
      expect(v('betrokken_kind_uitleg').Label).toMatch(/^In hoeverre bent u het eens met de volgende uitspraken\? – Het kind krijgt uitleg/);
      expect(v('goede_praktijken')).toMatchObject({ 'Measurement Level': 'Nominal', 'Print Format': expect.stringMatching(/^A\d+$/) });
      expect(v('wachttijd_maanden')).toMatchObject({ 'Measurement Level': 'Scale', 'Print Format': expect.stringMatching(/^F\d+\.1$/) });
      expect(v('hulp_passend_voor').Label).toContain('Vóór een uithuisplaatsing');
      // Value labels, grouped per variable
      const labels = new Map<string, [string, string][]>();
      let current = '';
      for (const row of tables.get('Value Labels')!.slice(1).filter((r) => r.length >= 3)) {
        if (row[0]) current = row[0];
        labels.set(current, [...(labels.get(current) ?? []), [row[1].replace(/\[a\]$/, ''), row[2]]]);
      }
      expect(labels.get('rol')).toEqual([
        ['-1', 'Niet van toepassing'],
        ['1', 'Jeugdbeschermer'],
        ['2', 'Hulpverlener (jeugdhulp of gezinshulp)'],
        ['3', 'Pleegzorgmedewerker'],
        ['4', 'Advocaat'],
        ['5', 'Anders, namelijk'],
      ]);
      expect(labels.get('betrokken_ouders_plaatsing')).toContainEqual(['5', 'Helemaal mee eens']);
      expect(labels.get('wachtlijst')).toEqual([
        ['-1', 'Niet van toepassing'],
        ['0', 'Nee'],
        ['1', 'Ja'],
      ]);
      expect(labels.get('hulp_ontbreekt_trauma')).toEqual([
        ['-1', 'Niet van toepassing'],
        ['0', 'Niet gekozen'],
        ['1', 'Gekozen'],
      ]);
      // Data: protection apostrophe removed, Unicode intact, codes and missing values
      const list = tables.get('Data List')!;
      const cols = list[0];
      const cell = (r: number, name: string) => list[r + 1][cols.indexOf(name)].trim();
      expect(cell(0, 'response_id')).toBe('r1');
      expect(cell(0, 'rol')).toBe('1');
      expect(cell(1, 'rol_other_text')).toBe('Gedragswetenschapper');
      expect(cell(0, 'hulp_ontbreekt_other_text')).toBe('=HYPERLINK("http://x","klik")');
      expect(cell(0, 'knelpunten')).toBe("-Wachtlijsten; 'ook' @ggz");
      expect(cell(0, 'goede_praktijken')).toBe('Vaste contactpersoon, "korte lijnen". En een tweede regel met é en ’s.');
      expect(cell(0, 'wachttijd_maanden')).toBe('7.5');
      expect(cell(1, 'wachttijd_maanden')).toBe('-1.0');
      expect(cell(2, 'wachttijd_maanden')).toBe('.');
      expect(cell(0, 'prioriteit_nazorg')).toBe('1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs with no responses and with English labels', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tnh-spss-'));
    try {
      const { syntax, data } = exportSpss(c, [], { locale: 'en' });
      writeFileSync(join(dir, 'data.csv'), data);
      writeFileSync(join(dir, 'x.sps'), syntax + 'SET TVARS=NAMES.\nDISPLAY DICTIONARY.\n');
      const run = spawnSync('pspp', ['x.sps', '-o', 'out.csv'], { cwd: dir, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(run.status, run.stdout + run.stderr).toBe(0);
      const out = readFileSync(join(dir, 'out.csv'), 'utf8');
      expect(out).toContain('rol,7,What is your role?,Nominal');
      expect(out).toContain('rol,-1[a],Not applicable');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
