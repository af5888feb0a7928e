/** Pure parts of the survey module: respondent tokens, the address list, the e-mail texts, disclosure control. */
import { describe, expect, it } from 'vitest';
import { makeToken, parseToken, respondentUrl } from './tokens';
import { parseAddresses } from './addresses';
import { DEFAULT_MAIL, mailTexts, renderMail } from './mail';
import { controlCount, controlList, controlTable } from './disclosure';
import { hashToken } from '../../platform/crypto';

describe('respondent tokens', () => {
  it('makes and parses the three kinds, and the combined resume token of an anonymised invitation', () => {
    for (const kind of ['P', 'I', 'R'] as const) {
      const { token, hash } = makeToken(kind);
      expect(token).toMatch(new RegExp(`^${kind}\\.[A-Za-z0-9_-]{43}$`));
      expect(parseToken(token)).toEqual({ kind, hash, resumeHash: null, entry: token });
    }
    const i = makeToken('I');
    const r = makeToken('R');
    const both = parseToken(`${i.token}~${r.token}`)!;
    expect(both).toEqual({ kind: 'I', hash: i.hash, resumeHash: r.hash, entry: i.token });
    expect(hashToken(r.token)).toBe(r.hash);
    expect(respondentUrl('https://x.nl', i.token)).toBe(`https://x.nl/s#${i.token}`);
  });
  it('refuses anything else', () => {
    const r = makeToken('R').token;
    for (const bad of [undefined, null, 42, '', 'P.', `X.${'a'.repeat(43)}`, `P.${'a'.repeat(42)}`, `P.${'a'.repeat(44)}`, `${r}~${r}`, `P.${'a'.repeat(43)}~R.${'b'.repeat(43)}`, `P.${'a'.repeat(42)}=`, 'x'.repeat(200)]) {
      expect(parseToken(bad)).toBeNull();
    }
  });
});

describe('address lists', () => {
  it('finds the e-mail column, reports bad rows with their line, skips duplicates case-insensitively', () => {
    const r = parseAddresses('\ufeffnaam;e-mailadres\r\nA;a@example.org\r\nB;geen\r\nC; A@EXAMPLE.org \r\nD;\r\nE;e@voorbeeld.nl\r\n');
    expect(r.addresses.map((a) => [a.line, a.email])).toEqual([
      [2, 'a@example.org'],
      [6, 'e@voorbeeld.nl'],
    ]);
    expect(r.duplicates).toBe(1);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [3, 'Dit is geen geldig e-mailadres.'],
      [5, 'Geen e-mailadres op deze regel.'],
    ]);
  });
  it('takes one address per line without a header, and explains a file without an e-mail column', () => {
    expect(parseAddresses('x@example.org\ny@example.org\n').addresses).toHaveLength(2);
    const r = parseAddresses('naam,telefoon\nA,06\n');
    expect(r.addresses).toEqual([]);
    expect(r.problems[0].message).toMatch(/kolom "email"/);
    expect(parseAddresses('email\n<script>@x.nl\n"a b"@x.nl\n').addresses).toEqual([]);
  });
});

describe('e-mail texts', () => {
  it('fills in title and link, adds the link when the text has none, keeps the subject on one line', () => {
    const t = mailTexts({ invitationSubject: 'Doe mee:\r\n{title}', invitationText: 'Beste collega, doe mee.' });
    const m = renderMail(t, 'invitation', { title: 'Enquête', link: 'https://x.nl/s#I.abc' });
    expect(m.subject).toBe('Doe mee: Enquête');
    expect(m.text).toBe('Beste collega, doe mee.\n\nhttps://x.nl/s#I.abc');
    const d = renderMail(mailTexts(null), 'reminder', { title: 'T', link: 'L' });
    expect(d.subject).toBe('Herinnering: T');
    expect(d.text).toContain('\nL\n');
    expect(mailTexts({ reminderText: '  ' }).reminderText).toBe(DEFAULT_MAIL.reminderText);
  });
});

describe('disclosure control', () => {
  it('withholds counts from 1 to below the threshold, zeros stay', () => {
    expect(controlCount(0, 10)).toBe(0);
    expect(controlCount(3, 10)).toBeNull();
    expect(controlCount(10, 10)).toBe(10);
  });
  it('withholds a second cell when a single withheld one could be recovered from the total', () => {
    expect(controlList([12, 6, 18], 10).cells).toEqual([null, null, 18]);
    expect(controlList([12, 6, 3, 18], 10).cells).toEqual([12, null, null, 18]);
    expect(controlList([0, 6, 0], 10).cells).toEqual([0, null, 0]);
    expect(controlList([20, 30], 10)).toEqual({ cells: [20, 30], hit: false });
  });
  it('tables: along rows and columns until no line has a single withheld cell', () => {
    const t = controlTable(
      [
        [20, 5, 30],
        [25, 40, 35],
      ],
      10,
    );
    for (const row of t.cells) expect(row.filter((c) => c === null).length).not.toBe(1);
    for (let j = 0; j < 3; j++) expect(t.cells.map((r) => r[j]).filter((c) => c === null).length).not.toBe(1);
    expect(t.hit).toBe(true);
  });
});
