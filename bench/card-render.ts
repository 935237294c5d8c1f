/**
 * What binding a card's data to its template costs, per card: adaptivecards-templating's
 * `Template.expand` (what renderCard did before) beside the compiled templates of
 * src/views/card-template.ts (what it does now), for the answers of the bench's hot actions and a
 * few shared cards, on a full table of 8 with 120-character arguments.
 *
 *     npx tsx bench/card-render.ts
 *
 * CPU only, one process. Medians of 15 rounds; compare the columns of one run rather than runs.
 */
import * as ACData from 'adaptivecards-templating';
import { own, viewFor, type TableState } from '../src/domain';
import { picksSavedView, progressView, revealView, statusView, stickersSavedView } from '../src/views';
import type { CardName } from '../src/views/card-data';
import { compileTemplate } from '../src/views/card-template';
import { templateJson } from '../src/views/render';
import { maxTable } from '../test/views/max-table';

const ROUNDS = 15;
const CALLS_PER_ROUND = 200;

function microsPerCall(fn: () => unknown): number {
  const rounds: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < CALLS_PER_ROUND; i++) fn();
    rounds.push(Number(process.hrtime.bigint() - started) / 1000 / CALLS_PER_ROUND);
  }
  return rounds.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]!;
}

function cardsOf(round1: TableState, round3: TableState): Array<[string, CardName, unknown]> {
  const person = round1.participants[0]!;
  const view1 = viewFor(round1, { type: 'person', id: person.id });
  const picks = own(view1.pickRounds[0]!.picks, person.id)!;
  const view3 = viewFor(round3, { type: 'person', id: person.id });
  const stickers = own(view3.round3.stickers, person.id)!;
  const group3 = viewFor(round3, { type: 'group' });
  return [
    ['picks saved (answer to a pick submission)', 'picks-saved', picksSavedView(view1, 'nl', 1, picks, false)],
    ['stickers saved (answer to a sticker vote)', 'stickers-saved', stickersSavedView(view3, 'nl', stickers, false)],
    ['status', 'status', statusView(view1, 'nl')],
    ['progress (shared)', 'progress', progressView(view1, 'nl')],
    ['reveal (shared, 8 × 3 picks)', 'reveal', revealView(group3, 'nl', group3.pickRounds[0]!)],
  ];
}

const round1 = maxTable({ deck: 'default', text: 'typical', until: 'round1' });
const round3 = maxTable({ deck: 'default', text: 'typical', until: 'round3' });
console.log('| card | JSON | adaptivecards-templating | compiled | saved |');
console.log('| --- | --- | --- | --- | --- |');
for (const [label, name, data] of cardsOf(round1, round3)) {
  const template = templateJson(name);
  const theirs = new ACData.Template(template);
  const ours = compileTemplate(template);
  const bytes = JSON.stringify(ours(data)).length;
  microsPerCall(() => theirs.expand({ $root: data }));
  microsPerCall(() => ours(data));
  const a = microsPerCall(() => theirs.expand({ $root: data }));
  const b = microsPerCall(() => ours(data));
  console.log(`| ${label} | ${(bytes / 1024).toFixed(1)} KB | ${a.toFixed(1)} µs | ${b.toFixed(1)} µs | ${(a - b).toFixed(1)} µs |`);
}
