/**
 * The compiled card templates (src/views/card-template.ts) give exactly what adaptivecards-templating
 * gives for the same template and data: for the edge cases of its rules, for arbitrary data against
 * every template in cards/, and for every card a viewer can reach at tables in every phase.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import fc from 'fast-check';
import { groupView, viewFor, type TableState } from '../../src/domain';
import { compileTemplate } from '../../src/views/card-template';
import * as render from '../../src/views/render';
import type { CardName } from '../../src/views/card-data';
import { ANNA, BRAM, LEAD, tables } from '../domain/fixtures';
import { maxTable } from './max-table';
import { reachableCards } from './reachable-cards';

const CARDS_DIR = path.join(__dirname, '../../cards');
const NAMES = readdirSync(CARDS_DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, '') as CardName);

function theirs(template: unknown, data: unknown): unknown {
  try {
    return new ACData.Template(template).expand({ $root: data });
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

function ours(template: unknown, data: unknown): unknown {
  try {
    return compileTemplate(template)(data);
  } catch (err) {
    return { threw: (err as Error).message };
  }
}

/** JSON as Teams gets it: undefined properties gone. */
const asSent = (v: unknown) => JSON.parse(JSON.stringify(v ?? null)) as unknown;

describe('compiled card templates', () => {
  it.each(NAMES)('compiles cards/%s.json', (name) => {
    expect(() => compileTemplate(render.templateJson(name))).not.toThrow();
  });

  const cases: Array<[string, unknown, unknown]> = [
    ['undefined value', { a: '${x}' }, {}],
    ['null value', { a: '${x}' }, { x: null }],
    ['falsy values', { a: '${x}', b: '${y}', c: '${z}' }, { x: false, y: 0, z: '' }],
    ['path through a number', { a: '${x.y}' }, { x: 3 }],
    ['names compared without case', { a: '${X}' }, { x: 'lower' }],
    ['object and array values', { a: '${x}', b: '${y}' }, { x: { z: [1, 2] }, y: [{ a: null }] }],
    ['$data undefined', { b: [{ $data: '${xs}', v: '${$data}' }] }, {}],
    ['$data empty', { b: [{ $data: '${xs}', v: '${$data}' }] }, { xs: [] }],
    ['$data items and $root', { b: [{ $data: '${xs}', v: '${v}', r: '${$root.k}', w: '${k}' }] }, { xs: [{ v: 1 }, { v: 2 }], k: 'K' }],
    ['$data with undefined and null items', { b: [{ $data: '${xs}', v: '${v}' }] }, { xs: [{ v: 1 }, undefined, null, { v: 2 }] }],
    ['$data object on a property', { a: { $data: '${o}', v: '${v}' } }, { o: { v: 5 } }],
    ['$data list on a property', { a: { $data: '${o}', v: '${v}' } }, { o: [{ v: 5 }, { v: 6 }] }],
    ['$data string', { b: [{ $data: '${xs}', v: '${$data}' }] }, { xs: 'str' }],
    ['nested $data', { b: [{ $data: '${xs}', w: [{ $data: '${ys}', v: '${$data}' }] }] }, { xs: [{ ys: [1, 2] }, { ys: [] }] }],
    [
      '$when exists',
      {
        b: [
          { $when: '${exists(x)}', v: 1 },
          { $when: '${exists(y)}', v: 2 },
          { $when: '${exists(z)}', v: 3 },
        ],
      },
      { x: 0, y: null },
    ],
    [
      '$when count',
      {
        b: [
          { $when: '${count(a) > 0}', v: 1 },
          { $when: '${count(b) > 0}', v: 2 },
          { $when: '${count(c) > 0}', v: 3 },
        ],
      },
      { a: [1], b: '', c: null },
    ],
    [
      '$when count of an object and a number',
      {
        b: [
          { $when: '${count(a) > 0}', v: 1 },
          { $when: '${count(b) > 0}', v: 2 },
        ],
      },
      { a: { k: 1 }, b: 5 },
    ],
    [
      '$when not',
      {
        b: [
          { $when: '${!$root.s}', v: 1 },
          { $when: '${!$root.t}', v: 2 },
          { $when: '${!$root.u}', v: 3 },
        ],
      },
      { s: false, t: 'x' },
    ],
    ['$when on a property', { a: { $when: '${exists(x)}', v: 1 }, b: 2 }, {}],
    ['$when with $data', { b: { $data: '${o}', $when: '${exists(v)}', v: '${v}' } }, { o: {} }],
    ['nested path', { a: '${x.y.z}', b: '${$root.x.y}' }, { x: { y: { z: 'deep' } } }],
  ];
  it.each(cases)('%s: as adaptivecards-templating', (_name, template, data) => {
    expect(asSent(ours(template, data))).toEqual(asSent(theirs(template, data)));
  });

  it('refuses what it does not do, instead of rendering it differently', () => {
    expect(() => compileTemplate({ a: 'Hallo ${name}' })).toThrow(/unsupported/);
    expect(() => compileTemplate({ a: '${concat(a, b)}' })).toThrow(/unsupported/);
    expect(() => compileTemplate({ a: '${a[0]}' })).toThrow(/unsupported/);
  });

  it('binds arbitrary data to every template as adaptivecards-templating does', () => {
    for (const name of NAMES) {
      const template = render.templateJson(name);
      const names = [...new Set((JSON.stringify(template).match(/[A-Za-z_]\w*/g) ?? []).filter((w) => w.length > 1))].slice(0, 60);
      const key = fc.constantFrom(...names);
      const leaf = fc.oneof(fc.string({ maxLength: 4 }), fc.integer({ min: -2, max: 3 }), fc.boolean(), fc.constant(null));
      const { tree } = fc.letrec((tie) => ({
        tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(tie('tree'), { maxLength: 3 })),
        object: fc.dictionary(key, tie('tree'), { maxKeys: 8 }),
      }));
      fc.assert(
        fc.property(fc.dictionary(key, tree, { maxKeys: 20 }), (data) => {
          expect(asSent(ours(template, data))).toEqual(asSent(theirs(template, data)));
        }),
        { numRuns: 25 },
      );
    }
  });

  it('renders every card a viewer can reach as adaptivecards-templating does', () => {
    const compared: string[] = [];
    const real = render.renderCard;
    const spy = jest.spyOn(render, 'renderCard').mockImplementation((name, data) => {
      const expected = render.prune(theirs(render.templateJson(name), data)) as Record<string, unknown>;
      delete expected.$schema;
      const card = real(name, data);
      expect(asSent(card)).toEqual(asSent(expected));
      compared.push(name);
      return card;
    });
    try {
      const states: TableState[] = [
        tables.withParticipants(),
        tables.intro(),
        tables.round1WithPicks(),
        tables.revealed(),
        tables.round2WithPoll(),
        tables.round3WithStickers(),
        tables.round3Closed(),
        tables.closing(),
        maxTable({ deck: 'default', text: 'max', until: 'ended' }),
        maxTable({ deck: 60, text: 'typical', until: 'round2' }),
      ];
      for (const state of states) {
        reachableCards(groupView(state), 'nl');
        for (const who of [LEAD, ANNA, BRAM]) reachableCards(viewFor(state, { type: 'person', id: who.id }), 'nl');
        reachableCards(viewFor(state, { type: 'person', id: ANNA.id }), 'en');
      }
    } finally {
      spy.mockRestore();
    }
    expect(new Set(compared).size).toBeGreaterThan(15);
  });
});
