/**
 * A template's name fixes the type of the data it is bound to (src/views/card-data.ts). Each
 * `@ts-expect-error` line must stay a compile error (`tsc --noEmit -p .`, and ts-jest when this file
 * runs); each is paired with the call that is right, which must compile.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Participant, PollView, TableView } from '../../src/domain';
import {
  boardView,
  helpView,
  noticeView,
  pollFormView,
  pollView,
  progressView,
  renderCard,
  stickerProgressView,
  welcomeView,
  type CardData,
  type CardName,
} from '../../src/views';
import { fitView } from '../../src/views/fit';

// Only compiled, never called.
function compileOnly(view: TableView, poll: PollView, subject: Participant): void {
  const board = boardView(view, 'nl');
  const welcome = welcomeView(view, 'nl', { retentionDays: 30 });
  renderCard('board', board);
  renderCard('welcome', welcome);
  // @ts-expect-error: the board's data is not the welcome card's
  renderCard('welcome', board);
  // @ts-expect-error: nor is the welcome card's the board's
  renderCard('board', welcome);
  // @ts-expect-error: a notice has runs and a style
  renderCard('notice', helpView('nl'));
  // @ts-expect-error: any object will not do
  renderCard('status', {});
  // @ts-expect-error: no such template
  renderCard('nonsense', board);

  // Two views feed one template: either is accepted.
  renderCard('poll', pollView(view, 'nl', poll));
  renderCard('poll', pollFormView(view, 'nl', poll, subject, { current: [], switches: [] }));
  renderCard('progress', progressView(view, 'nl'));
  renderCard('progress', stickerProgressView(view, 'nl'));
  // @ts-expect-error: the progress data is not a poll's
  renderCard('poll', progressView(view, 'nl'));

  // fitView measures candidate data with the template it names, so it takes only that template's data.
  fitView('board', [{}], () => board);
  // @ts-expect-error: the board's data measured as a welcome card
  fitView('welcome', [{}], () => board);
}
void compileOnly;

describe('card data types', () => {
  it('name exactly the templates in cards/', () => {
    const names: Record<CardName, true> = {
      notice: true,
      welcome: true,
      'leader-consent': true,
      help: true,
      intro: true,
      round1: true,
      'pick-form': true,
      'picks-saved': true,
      progress: true,
      reveal: true,
      status: true,
      board: true,
      'round2-tools': true,
      'place-form': true,
      poll: true,
      'own-card-form': true,
      intentions: true,
      'sticker-form': true,
      'stickers-saved': true,
      ranking: true,
      'discussion-form': true,
      discussion: true,
      closing: true,
      'guest-fill': true,
      'guest-consent': true,
      summary: true,
      'channel-post': true,
      'summary-short': true,
      'session-form': true,
      session: true,
      overview: true,
      'erase-confirm': true,
      controls: true,
    };
    const dir = path.join(__dirname, '../../cards');
    for (const name of Object.keys(names)) expect(existsSync(path.join(dir, `${name}.json`))).toBe(true);
    // And every template has a name: no card in cards/ that renderCard cannot bind.
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .map((f) => f.replace(/\.json$/, ''))
        .sort(),
    ).toEqual(Object.keys(names).sort());
    const expectData: CardData['notice'] = noticeView('nl', 'error.noTable');
    expect(renderCard('notice', expectData).type).toBe('AdaptiveCard');
  });
});
