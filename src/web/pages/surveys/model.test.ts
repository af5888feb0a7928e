import { describe, expect, it } from 'vitest';
import { conditionExpression, fromDefinition, moveQuestion, newQuestion, parseCondition, textToChoices, toDefinition } from './model';

const def = {
  title: 'X',
  pages: [
    { name: 'p1', elements: [{ type: 'radiogroup', name: 'rol', title: { default: 'Rol', en: 'Role' }, isRequired: true, choices: [{ value: 'jb', text: 'Jeugdbeschermer' }, 'b'], showOtherItem: true }] },
    { name: 'p2', elements: [{ type: 'text', inputType: 'number', name: 'jaren', title: 'Jaren', visibleIf: "{rol} = 'jb'" }] },
  ],
};

describe('survey editor model', () => {
  it('round-trips a definition and keeps unknown properties', () => {
    const pages = fromDefinition(def);
    expect(pages[0].questions[0]).toMatchObject({ type: 'radiogroup', nl: 'Rol', en: 'Role', required: true });
    expect(pages[1].questions[0]).toMatchObject({ type: 'number', condition: { question: 'rol', op: '=', value: 'jb' } });
    expect(toDefinition({ title: 'X' }, pages)).toEqual(def);
  });
  it('parses and writes conditions', () => {
    expect(parseCondition('{a} notempty')).toEqual({ question: 'a', op: 'notempty', value: '' });
    expect(parseCondition('{a} = 3')).toEqual({ question: 'a', op: '=', value: '3' });
    expect(parseCondition('{a} = 1 and {b} = 2')).toBeNull();
    expect(conditionExpression({ question: 'a', op: '<>', value: "x'y" })).toBe("{a} <> 'xy'");
  });
  it('makes options from lines and moves questions across pages', () => {
    expect(textToChoices('Ja | Yes\nNee\nNee', [])).toEqual([{ value: 'ja', nl: 'Ja', en: 'Yes' }, { value: 'nee', nl: 'Nee', en: '' }, { value: 'nee_3', nl: 'Nee', en: '' }]);
    expect(textToChoices('Ja\nNee', [{ value: 'optie1', nl: 'Optie 1', en: '' }, { value: 'j', nl: 'Yes', en: '' }]).map((c) => c.value)).toEqual(['ja', 'j']);
    const pages = fromDefinition(def);
    pages[0].questions.push(newQuestion('comment', 'open'));
    const moved = moveQuestion(pages, pages[0].questions[1].uid, 1);
    expect(moved[0].questions.map((q) => q.name)).toEqual(['rol']);
    expect(moved[1].questions.map((q) => q.name)).toEqual(['open', 'jaren']);
    expect(moveQuestion(pages, pages[0].questions[0].uid, -1)).toBe(pages);
  });
});
