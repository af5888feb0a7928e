import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../../lib/survey/answers';
import { professionalsSurveyTemplate } from '../../../lib/survey/template';
import { CODEBOOK_TEMPLATE } from '../../../lib/codebook/template';
import { demoSignals, mulberry32, secondCoderCodes, surveyAnswers, SURVEY_ROLES } from './synthetic';
import { DEMO_INTERVIEWS, transcriptText } from './transcripts';

const templateKeys = new Set(CODEBOOK_TEMPLATE.flatMap((c) => [c.key, ...(c.children ?? []).map((x) => x.key)]));

describe('the demo study’s synthetic data', () => {
  it('answers the ready instrument validly, with every role and differences between roles', () => {
    const all = surveyAnswers(300, 2026);
    const def = professionalsSurveyTemplate();
    for (const a of all) {
      const r = validateAnswers(def, a, { complete: true });
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    expect(new Set(all.map((a) => a.rol))).toEqual(new Set(SURVEY_ROLES));
    const mean = (role: string) => {
      const xs = all.filter((a) => a.rol === role).map((a) => a.samenwerking as number);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(mean('advocaat')).toBeLessThan(mean('jeugdbeschermer'));
    expect(surveyAnswers(5, 1)).toEqual(surveyAnswers(5, 1));
  });

  it('writes transcripts with turns whose offsets match the text, and codes from the codebook template', () => {
    expect(DEMO_INTERVIEWS.length).toBeGreaterThanOrEqual(12);
    expect(DEMO_INTERVIEWS.filter((i) => i.role === 'child' && i.ageBand === '8-11')).toHaveLength(1);
    for (const iv of DEMO_INTERVIEWS) {
      const { text, units } = transcriptText(iv.turns);
      const cps = [...text];
      units.forEach((u, i) => expect(cps.slice(u.start, u.end).join('')).toBe(iv.turns[i].text));
      expect(iv.title).toMatch(/\(fictief\)$/);
      for (const t of iv.turns) for (const c of t.codes ?? []) expect(templateKeys.has(c), c).toBe(true);
      // pseudonymised: no capitalised first names of real people, only placeholders
      expect(text).not.toMatch(/\b(Jan|Piet|Anna|Mohammed|Fatima|Amsterdam|Rotterdam)\b/);
    }
  });

  it('makes signals with themes and a second coder who mostly agrees', () => {
    const s = demoSignals(36, 2026);
    expect(s).toHaveLength(36);
    expect(s.every((x) => x.themes.length > 0 && x.receivedOn >= '2025-01-01' && x.receivedOn <= '2026-06-30')).toBe(true);
    const r = mulberry32(7);
    let same = 0;
    let total = 0;
    for (const iv of DEMO_INTERVIEWS) for (const t of iv.turns) if (t.codes) {
      const b = secondCoderCodes(t.codes, r);
      total++;
      if (JSON.stringify([...b].sort()) === JSON.stringify([...t.codes].sort())) same++;
    }
    expect(same / total).toBeGreaterThan(0.5);
    expect(same).toBeLessThan(total);
  });
});
