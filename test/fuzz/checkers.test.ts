/**
 * The fuzz tests are only as good as their checks: these show that the echo check and the frame
 * check catch what they are meant to catch, on hand-made cards and tables.
 */
import { defaultDeck, newTable } from '../../src/domain';
import { escapeInline } from '../../src/report/markdown-escape';
import type { ConnectorCall } from '../support/connector-stand-in';
import { changedPaths, normalise, NOW, outsideFrame } from './oracle';
import { checkCard, checkSent, probesOf } from './output-check';

const PROBE = 'qzzprobe';

function card(body: unknown[], actions: unknown[] = []) {
  return { type: 'AdaptiveCard', version: '1.5', body, actions };
}

describe('the echo check', () => {
  it('accepts user text in a TextRun, an input value and a choice title', () => {
    const ok = card([
      { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: `Argument: ${PROBE} **niet vet**` }] },
      { type: 'Input.Text', id: 'inArgument', value: PROBE },
      { type: 'Input.ChoiceSet', id: 'inCard', choices: [{ title: `Eigen kaart ${PROBE}`, value: 'own-i1' }] },
    ]);
    expect(checkCard(ok, [PROBE], false, 'test')).toEqual([]);
  });

  it.each([
    ['a TextBlock', card([{ type: 'TextBlock', text: PROBE }])],
    ['an id', card([{ type: 'Input.Text', id: PROBE }])],
    ['a verb', card([], [{ type: 'Action.Execute', title: 'x', verb: PROBE }])],
    ['a url', card([], [{ type: 'Action.OpenUrl', title: 'x', url: `https://x.example/${PROBE}` }])],
    ['a type', card([{ type: PROBE }])],
    ['the data of a button', card([], [{ type: 'Action.Execute', title: 'x', verb: 'join', data: { for: PROBE } }])],
    ['a FactSet', card([{ type: 'FactSet', facts: [{ title: 'a', value: PROBE }] }])],
    ['a choice value', card([{ type: 'Input.ChoiceSet', id: 'c', choices: [{ title: 'a', value: PROBE }] }])],
    ['a property name', card([{ type: 'Container', items: [], [PROBE]: 1 }])],
  ])('finds user text in %s', (_where, c) => {
    expect(checkCard(c, [PROBE], false, 'test')).not.toEqual([]);
  });

  it('finds a ${...} binding left in a card unless a user typed one into a TextRun', () => {
    const leftover = card([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: 'Hallo ${name}' }] }]);
    expect(checkCard(leftover, [], false, 'test')).not.toEqual([]);
    expect(checkCard(leftover, [], true, 'test')).toEqual([]);
    expect(checkCard(card([{ type: 'TextBlock', text: '${name}' }]), [], true, 'test')).not.toEqual([]);
  });

  it("finds a {{DATE}} or {{TIME}} Teams would expand, unless it is the bot's own", () => {
    const run = (text: string) => card([{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text }] }]);
    expect(
      checkCard(run('tot {{TIME(2030-01-01T14:35:00Z)}}, werkt tot {{DATE(2030-01-01T14:35:00Z, SHORT)}}'), [], false, 'test'),
    ).toEqual([]);
    expect(checkCard(run('{{DATE(2017-02-14T06:08:39Z, LONG)}}'), [], false, 'test')).not.toEqual([]);
    expect(checkCard(run('{{TIME(2030-01-01T14:35:00Z)}}{{DATE(x)}}'), [], false, 'test')).not.toEqual([]);
    expect(checkCard(run('{\u2060{DATE(2017-02-14T06:08:39Z, LONG)}}'), [], false, 'test')).toEqual([]);
    // A form keeps what was typed, and a button's data is sent back: neither is shown as text.
    const typed = '{{DATE(2017-02-14T06:08:39Z, LONG)}}';
    expect(checkCard(card([{ type: 'Input.Text', id: 'inTitle', value: typed }]), [], false, 'test')).toEqual([]);
    expect(checkCard(card([], [{ type: 'Action.Execute', title: 'x', verb: 'v', data: { title: typed } }]), [], false, 'test')).toEqual([]);
  });

  it('tolerates user text in a button title and a chart label, which Teams shows as plain text', () => {
    const c = card(
      [{ type: 'Chart.HorizontalBar', title: PROBE, data: [{ x: PROBE, y: 1 }] }],
      [{ type: 'Action.Execute', title: `Voor ${PROBE}`, verb: 'picks.open' }],
    );
    expect(checkCard(c, [PROBE], false, 'test')).toEqual([]);
  });

  it('reads markdown text messages: escaped user text passes, raw markdown does not', () => {
    const raw = '**vet** qzzprobe';
    const call = (text: string): ConnectorCall => ({
      method: 'POST',
      path: '/',
      body: { type: 'message', text, textFormat: 'markdown' },
      at: 0,
    });
    expect(checkSent([call(`Samenvatting: ${escapeInline(raw)}`)], [raw], false)).toEqual([]);
    expect(checkSent([call(`Samenvatting: ${raw}`)], [raw], false)).not.toEqual([]);
    expect(checkSent([call('a\\\\\\*x')], ['\\*x'], false)).toEqual([]);
  });

  it('looks for cleaned and shortened forms of the input, and skips what the bot says itself', () => {
    const probes = probesOf(['  qzz\u200bprobe   met  spaties ', 'volgende', 'kort'], 'de volgende stap');
    expect(probes).toContain('qzzprobe met spaties');
    expect(probes).not.toContain('volgende');
    expect(probes).not.toContain('kort');
  });
});

describe('the frame check', () => {
  const table = newTable({
    actor: { id: 'lead', name: 'Lead' },
    defaultTitle: 'T',
    settings: { maxParticipants: 8, language: 'nl' },
    deck: defaultDeck(),
    now: 1,
  });

  it('lists the changed paths, an added key included', () => {
    const after = { ...table, intro: { anna: { answeredAt: 2 } }, updatedAt: 2 };
    expect(
      changedPaths(table, after)
        .map((p) => p.join('.'))
        .sort(),
    ).toEqual(['intro.anna', 'updatedAt']);
  });

  it('reports a change outside the allowed paths', () => {
    const after = { ...table, intro: { anna: { answeredAt: 2 }, bram: { answeredAt: 2 } }, updatedAt: 2 };
    expect(outsideFrame(table, after, [['intro', 'anna']])).toEqual(['intro.bram']);
    expect(outsideFrame(table, { ...table, phase: 'round1' as const }, [['intro', 'anna']])).toEqual(['phase']);
  });

  it('maps the timestamps of the activity to NOW, and a timer to its length', () => {
    const state = { ...table, updatedAt: 1500, timer: { minutes: 5, startedAt: 1500, endsAt: 301_500 } };
    expect(normalise(state, 1400, 1600)).toMatchObject({
      createdAt: 1,
      updatedAt: NOW,
      timer: { minutes: 5, startedAt: NOW, endsAt: '+300000' },
    });
  });
});
