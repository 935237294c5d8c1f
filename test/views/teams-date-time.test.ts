/**
 * Teams expands `{{DATE(…)}}` and `{{TIME(…)}}` in a card's text; only the bot may write them. A
 * participant's text that looks like one shows as typed but is never expanded, while the bot's own
 * step ends and link expiries still are. And a `${…}` in user text is data, never a binding.
 */
import fc from 'fast-check';
import { renderCard } from '../../src/views/render';
import { noticeCard } from '../../src/views/notice-view';
import { ownCardFormView } from '../../src/views/own-card-view';
import { rich } from '../../src/views/rich-text';
import { cardTime } from '../../src/views/step-view';
import { neutralizeText, teamsFunction } from '../../src/views/teams-date-time';
import { stringsOf } from '../fuzz/output-check';

const TYPED = [
  '{{DATE(2030-01-01T00:00:00Z)}}',
  '{{TIME(2030-01-01T00:00:00Z)}}',
  '{{DATE(2030-01-01T00:00:00Z, SHORT)}}',
  '{{{TIME(2030-01-01T00:00:00Z)}}}',
];
const JOINER = /\u2060/g;

/** The strings of the card that Teams reads as text. */
function textsOf(card: object): string[] {
  return stringsOf(card).filter((s) => s.includes('{'));
}

describe('Teams date and time functions in a card', () => {
  it.each(TYPED)('user text %s shows as typed and cannot be expanded', (typed) => {
    const card = noticeCard('nl', 'error.duplicateCard', { title: typed });
    const texts = textsOf(card);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).not.toContain('{{');
    expect(texts.join('').replace(JOINER, '')).toContain(typed);
  });

  it("the bot's own moment is still expanded, next to user text that imitates it", () => {
    const at = Date.UTC(2030, 0, 1, 14, 35);
    const card = renderCard('notice', {
      runs: [
        ...rich('nl', 'step.line', { number: 3, count: 7, until: cardTime(at) }),
        ...rich('nl', 'error.duplicateCard', { title: TYPED[1]! }),
      ],
      style: 'default',
    });
    const text = textsOf(card).join('\n');
    expect(text.match(/\{\{TIME\(/g)).toEqual(['{{TIME(']);
    expect(text).toContain('tot {{TIME(2030-01-01T14:35:00Z)}}');
  });

  it("the mark of the bot's own never reaches Teams", () => {
    const card = renderCard('notice', { runs: rich('nl', 'step.line', { number: 1, count: 7, until: cardTime(0) }), style: 'default' });
    expect(JSON.stringify(card)).not.toMatch(/[\uE000\uE001]/);
  });

  it('an input keeps what was typed, braces and all, so that saving it again saves the same', () => {
    const card = renderCard('own-card-form', ownCardFormView('nl', 'ingredient', { title: TYPED[0], description: '{{x}}' }));
    const values = stringsOf(card).filter((s) => s === TYPED[0] || s === '{{x}}');
    expect(values.sort()).toEqual(['{{x}}', TYPED[0]].sort());
  });

  it('no text of any kind keeps a `{{`, and only word joiners are added', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('{', '}', 'D', '(', ' ', '\u2060', 'x') }), (s) => {
        const out = neutralizeText(s);
        expect(out).not.toContain('{{');
        expect(out.replace(JOINER, '')).toBe(s.replace(JOINER, ''));
      }),
    );
  });

  it("only the bot's own function survives, however user text surrounds it", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('{', '}', '\uE000', '\uE001', 'T') }),
        fc.string({ unit: fc.constantFrom('{', '}', '\uE000', 'x') }),
        (a, b) => {
          const out = neutralizeText(`${a}${teamsFunction('TIME', '2030-01-01T00:00:00Z')}${b}`);
          expect(out.split('{{').length).toBe(2);
          expect(out).toContain('{{TIME(2030-01-01T00:00:00Z)}}');
        },
      ),
    );
  });
});

describe('adaptivecards-templating and user text', () => {
  it.each(['${$root.style}', "${if(true, 'ja', 'nee')}", '${runs}', '$' + '{style}'])(
    '%s in user text is shown, not evaluated',
    (typed) => {
      const card = noticeCard('nl', 'error.duplicateCard', { title: typed });
      const text = stringsOf(card).join('\n');
      expect(text).toContain(typed);
      expect(text).not.toContain('attention‘');
    },
  );

  it('a `${…}` typed into a form stays in the form as typed', () => {
    const typed = '${$root.kind} ${titleMax}';
    const card = renderCard('own-card-form', ownCardFormView('nl', 'ingredient', { title: typed }));
    expect(stringsOf(card)).toContain(typed);
  });
});
