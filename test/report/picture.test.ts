import { groupView, type Command, type TableState } from '../../src/domain';
import { pictureAlt, sessionPicture, tablePicture } from '../../src/report/picture-model';
import { renderPicturePng } from '../../src/report/picture-render';
import { PICTURE_HEIGHT, PICTURE_WIDTH, pictureSvg, tablePictureSvg } from '../../src/report/picture-svg';
import { maxTable } from '../views/max-table';
import { ANNA, LEA, play, round1Revealed } from './fixtures';
import { crowdedTable, threeTables } from './session-fixtures';

const next: Command = { type: 'next' };

/** Round 2 with three cards placed: one agreed, one divided, one disagreed on. */
function round2(): TableState {
  return play(round1Revealed(), [
    [LEA, next],
    [LEA, { type: 'placeCard', cardId: 'huisarts', zone: 'outside', agreement: 'agree' }],
    [LEA, { type: 'placeCard', cardId: 'bewonersinitiatieven', zone: 'community', agreement: 'divided' }],
    [LEA, { type: 'placeCard', cardId: 'bibliotheek', zone: 'institutional', agreement: 'disagree' }],
  ]);
}

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the model picture', () => {
  it('renders to a PNG of the expected size', async () => {
    const png = await renderPicturePng(tablePictureSvg(groupView(round2())));
    expect(pngSize(png)).toEqual({ width: PICTURE_WIDTH, height: PICTURE_HEIGHT });
    expect(png.length).toBeGreaterThan(10_000);
  });

  it('changes, in the SVG and in the PNG, when a placement changes', async () => {
    const before = round2();
    const moved = play(before, [[LEA, { type: 'placeCard', cardId: 'huisarts', zone: 'border', agreement: 'agree' }]]);
    const marked = play(before, [[LEA, { type: 'placeCard', cardId: 'huisarts', zone: 'outside', agreement: 'divided' }]]);
    const svgs = [before, moved, marked].map((s) => tablePictureSvg(groupView(s)));
    expect(new Set(svgs).size).toBe(3);
    const pngs = await Promise.all(svgs.map((svg) => renderPicturePng(svg)));
    expect(pngs[0]!.equals(pngs[1]!)).toBe(false);
    expect(pngs[0]!.equals(pngs[2]!)).toBe(false);
    // And it is a function of the view: the same table draws the same bytes.
    expect((await renderPicturePng(tablePictureSvg(groupView(round2())))).equals(pngs[0]!)).toBe(true);
  });

  it('puts each card in its zone with its agreement in words, not by colour alone', async () => {
    const model = tablePicture(groupView(round2()), 'nl');
    expect(model.zones.outside.map((c) => [c.title, c.marks.map((m) => m.text)])).toEqual([['Huisarts', []]]);
    expect(model.zones.community[0]!.marks.map((m) => m.text)).toEqual(['verdeeld']);
    expect(model.zones.institutional[0]!.marks.map((m) => m.text)).toEqual(['oneens']);
    const svg = pictureSvg(model);
    expect(svg).toContain('>verdeeld</tspan>');
    expect(svg).toContain('>oneens</tspan>');
    // Verdeeld is also a dashed border, oneens a thick one.
    expect(svg).toMatch(/stroke-dasharray="6 3"/);
    expect(svg).toMatch(/stroke-width="3"/);
    expect(pictureAlt(model)).toBe(
      'Het model van Tafel Noord. Gemeenschappelijke sociale basis: Bewonersinitiatieven (verdeeld). ' +
        'Institutionele sociale basis: Bibliotheek (oneens). Niet sociale basis: Huisarts.',
    );
  });

  it('is drawn from what everyone may see: an open silent placement changes nothing', async () => {
    const open = play(round2(), [[LEA, { type: 'openPoll', cardId: 'buurthuis' }]]);
    const voted = play(open, [[ANNA, { type: 'votePoll', poll: 1, zone: 'personal' }]]);
    expect(tablePictureSvg(groupView(voted))).toBe(tablePictureSvg(groupView(open)));
    // The type check holds it too: the raw state, which holds unrevealed input, is not a view.
    // @ts-expect-error TableState is not a GroupView
    const fromState = () => tablePicture(voted, 'nl');
    expect(fromState).toBeInstanceOf(Function);
  });

  it('keeps XML intact whatever a title holds', async () => {
    const state = round2();
    const hostile = '<b>"Buurt" & \'zo\'</b>\u0001\uD800';
    const withHostile: TableState = {
      ...state,
      deck: { ...state.deck, ingredients: state.deck.ingredients.map((c) => (c.id === 'huisarts' ? { ...c, title: hostile } : c)) },
    };
    const svg = tablePictureSvg(groupView(withHostile));
    expect(svg).toContain('&lt;b&gt;&quot;Buurt&quot; &amp; &apos;zo&apos;&lt;/b&gt;');
    expect(svg).not.toContain('\u0001');
    expect(pngSize(await renderPicturePng(svg)).width).toBe(PICTURE_WIDTH);
  });

  it('stays readable with a 100-card deck: titles shortened, a zone counts what it leaves out', async () => {
    const view = groupView(maxTable({ deck: 100, text: 'max', placeAll: true, until: 'round2' }));
    const model = tablePicture(view, 'nl');
    const placed = Object.values(model.zones).reduce((n, cards) => n + cards.length, 0);
    expect(placed).toBe(100);
    const svg = pictureSvg(model);
    expect(svg).toMatch(/\+ nog \d+; zie het verslag/);
    // Never smaller than 10 px.
    const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10);
    const alt = pictureAlt(model);
    expect([...alt].length).toBeLessThanOrEqual(1500);
    expect(alt).toMatch(/De rest staat in het verslag\.$/);
    expect(pngSize(await renderPicturePng(svg))).toEqual({ width: PICTURE_WIDTH, height: PICTURE_HEIGHT });
  });

  it('shows every card of a crowded table without overflow when it fits', async () => {
    const model = tablePicture(groupView(crowdedTable()), 'nl');
    expect(pictureSvg(model)).not.toContain('+ nog');
  });

  it('adds up a session: per card and zone how many tables put it there', async () => {
    const model = sessionPicture('Sessie Eindhoven', threeTables().map(groupView), 'nl');
    const mantelzorger = model.zones.personal.find((c) => c.title === 'Mantelzorger');
    expect(mantelzorger?.marks.map((m) => m.text)).toEqual(['(3)']);
    const loket = model.zones.outside.find((c) => c.title.startsWith('Loket'));
    expect(loket?.marks.map((m) => m.text)).toEqual(['(2)', 'verdeeld 1']);
    expect(model.title).toBe('Totaalbeeld van Sessie Eindhoven');
    expect(pngSize(await renderPicturePng(pictureSvg(model))).height).toBe(PICTURE_HEIGHT);
  });

  it('says so when nothing is placed yet, in the table’s language', async () => {
    const empty = play(round1Revealed(), [[LEA, next]]);
    expect(pictureSvg(tablePicture(groupView(empty), 'nl'))).toContain('Nog geen kaartjes op het model');
    expect(pictureSvg(tablePicture(groupView(empty), 'en'))).toContain('No cards on the model yet');
  });
});
