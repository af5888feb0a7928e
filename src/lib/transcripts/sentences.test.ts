import { describe, expect, it } from 'vitest';
import { cpSlice } from '../text/codepoints';
import { parsePlainText } from './plain';
import { sentenceUnits } from './sentences';
import type { Turn } from './types';

const units = (text: string) => {
  const r = parsePlainText(text);
  return sentenceUnits(r.text, r.turns).map((u) => cpSlice(r.text, u.start, u.end));
};

describe('sentenceUnits', () => {
  it('splits on . ! ? within a turn and never across turns', () => {
    expect(units('I: Hoe gaat het? Goed! Dat is fijn.\nR: Ja. Heel fijn')).toEqual([
      'Hoe gaat het?', 'Goed!', 'Dat is fijn.', 'Ja.', 'Heel fijn',
    ]);
  });

  it('does not end a sentence after Dutch abbreviations or initials', () => {
    expect(units('R: Er was bijv. Geen plek. Dhr. Jansen en mevr. De Boer kwamen o.a. Langs. Zie ook d.w.z. Dit enz. Daarna ging J. de Vries weg.')).toEqual([
      'Er was bijv. Geen plek.',
      'Dhr. Jansen en mevr. De Boer kwamen o.a. Langs.',
      'Zie ook d.w.z. Dit enz. Daarna ging J. de Vries weg.',
    ]);
  });

  it('keeps decimals, and needs a capital after a full stop or ellipsis', () => {
    expect(units('R: Het was 3.5 jaar. ik bedoel... Nou ja. En toen… nee. 12 weken later kwam ze thuis.')).toEqual([
      'Het was 3.5 jaar. ik bedoel...',
      'Nou ja.',
      'En toen… nee.',
      '12 weken later kwam ze thuis.',
    ]);
  });

  it('handles closing quotes and ?! runs', () => {
    expect(units('R: Ze zei: "Ik wil naar huis." Toen?! Ja (lacht). "Echt?" zei ik.')).toEqual([
      'Ze zei: "Ik wil naar huis."', 'Toen?!', 'Ja (lacht).', '"Echt?"', 'zei ik.',
    ]);
  });

  it('ends a sentence at a blank line and at a line break, but joins hard-wrapped lines', () => {
    expect(units('R: eerste alinea zonder punt\n\ntweede alinea\nloopt door op de volgende regel\nNieuwe regel met hoofdletter\n- opsomming')).toEqual([
      'eerste alinea zonder punt',
      'tweede alinea\nloopt door op de volgende regel',
      'Nieuwe regel met hoofdletter',
      '- opsomming',
    ]);
  });

  it('leaves out pieces without letters or digits and returns code-point offsets', () => {
    const text = 'R: 👍🏽 Top. Kind e\u0301e\u0301n.\n…\n—';
    const r = parsePlainText(text);
    const u = sentenceUnits(r.text, r.turns);
    expect(u.map((x) => cpSlice(text, x.start, x.end))).toEqual(['👍🏽 Top.', 'Kind e\u0301e\u0301n.']);
    expect(u[0]).toEqual({ start: 3, end: 10, turn: 0 });
    expect(u[1]).toEqual({ start: 11, end: 22, turn: 0 }); // "Kind één." with two combining accents = 11 code points
  });

  it('works on turns given by the caller and on empty turns', () => {
    const text = 'abc. Def. ghi';
    const turns: Turn[] = [
      { start: 0, end: 9, speaker: null, role: null, startMs: null, endMs: null },
      { start: 9, end: 9, speaker: 'R', role: 'respondent', startMs: null, endMs: null },
      { start: 10, end: 13, speaker: 'I', role: 'interviewer', startMs: null, endMs: null },
    ];
    expect(sentenceUnits(text, turns)).toEqual([
      { start: 0, end: 4, turn: 0 },
      { start: 5, end: 9, turn: 0 },
      { start: 10, end: 13, turn: 2 },
    ]);
  });
});
