/**
 * A card action that makes the bot post something (an own card announced to the table) is answered
 * without waiting for that post: when Teams is slow to take posts, or the send window is full, the
 * person who pressed the button still gets their card at once (Teams shows an error after about
 * 15 s and wants invokes answered well within 5). The post still goes out, once, afterwards.
 */
import { LEIDER, PEOPLE } from '../fixtures/round1-people';
import { startHarness, type Harness } from '../support/bot-under-test';
import { cardOfCall, cardText, headingOf } from '../support/cards';
import { E2ETable } from '../support/e2e-table';
import { cardAction } from '../support/teams-activity';

const ANNA = PEOPLE[0]!;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

it('answers an own card at once while Teams holds the announcement, then the announcement arrives once', async () => {
  const t = new E2ETable(h, LEIDER);
  await t.start('Tafel met trage verbinding');
  await t.join(ANNA);
  await t.toRound1();

  let release!: () => void;
  h.connector.holdPosts = new Promise<void>((resolve) => (release = resolve));
  const postsBefore = t.posts().length;
  const before = h.app.outbound.stats();
  const press = cardAction(h.connector.url, t.chat, ANNA, 'owncard.add', {
    kind: 'ingredient',
    title: 'Moestuin achter de flat',
    description: '',
  });
  try {
    // Straight to the bot, not through the harness: the harness waits for the posts a press causes.
    const res = await fetch(h.botUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(press) });
    const answer = (await res.json()) as { statusCode: number; value: unknown };
    expect(res.status).toBe(200);
    expect(answer.statusCode).toBe(200);
    expect(cardText(answer.value as never)).toContain('Moestuin achter de flat');

    // The announcement reached Teams (recorded on arrival) but Teams has not taken it yet.
    const announcement = await h.connector.waitFor(
      () =>
        t
          .posts()
          .slice(postsBefore)
          .find((c) => cardText(cardOfCall(c)).includes('Moestuin achter de flat')),
      'the announcement to reach the connector',
    );
    expect(announcement.responseId).toBeDefined();
  } finally {
    release();
    h.connector.holdPosts = undefined;
  }
  await h.app.afterAnswer.idle();
  const announcements = t
    .posts()
    .slice(postsBefore)
    .filter((c) => cardText(cardOfCall(c)).includes('Moestuin achter de flat'));
  expect(announcements.map((c) => headingOf(cardOfCall(c)))).toHaveLength(1);
  // Teams took it: the bot did not give up on the post while it answered the press. (Had the answer
  // waited for the post, the post would have timed out first and been given up as ambiguous.)
  const after = h.app.outbound.stats();
  expect(after.failed).toBe(before.failed);
  expect(after.sent).toBeGreaterThan(before.sent);
});
