/**
 * How tall the long cards are where Teams renders them: each card of a realistic full table
 * (long-cards.ts) is posted into the Agents Playground's group chat by a stand-in bot, and its
 * rendered height is measured at 1,200 and 420 px window width. Collapsed, as it arrives, no card may
 * be taller than 1,500 px at 1,200 px, and nothing may stick out of a card at 420 px; pressing every
 * "Toon alles" / "Toon argumenten" shows the rest. Prints the heights; screenshots of every card at
 * both widths (and opened up) go to test-results/browser/short/ (ignored by git): look at them.
 *
 * Before the folds (issue 12), at 1,200 / 420 px: round1 1182 / 1623, reveal 3757 / 4277, spread 472 /
 * 492, board 2900 / 4680, intentions 634 / 875, ranking 1329 / 2090, summary 5197 / 8938, session 718 /
 * 1019, totaalbeeld 3606 / 5327, help 1007 / 1592.
 */
import * as http from 'node:http';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { PlaygroundClient, startPlayground, type PlaygroundConfig, type RunningPlayground } from '../../scripts/playground';
import type { AdaptiveCard } from '../../src/views';
import { longCards } from './long-cards';
import { BROWSER_RESULTS, CHROMIUM, clearFiles, describeIfChromium, freePort, STEP_TIMEOUT } from './support';

const OUT = path.join(BROWSER_RESULTS, 'short');
/**
 * The Playground draws every card 446 px wide and ignores `msteams.width: Full` (it logs "Full width
 * control is not supported"); Teams gives such a card the whole message column. So the card is set to
 * the width Teams would give it: at a 1,200 px window the column the Playground itself leaves for a
 * message (776 px: its 870 px chat pane less the avatar and margins), on a 420 px phone the screen less
 * the avatar and margins (344 px). The renderer lays a card out with CSS, so it reflows as Teams would.
 */
const WIDTHS = { 1200: 776, 420: 344 } as const;
type Width = keyof typeof WIDTHS;
const MAX_HEIGHT = 1500;
const SHOW = /^(Toon alles|Toon argumenten|Toon redenen)/;

/** A bot that answers "kaart <name>" with that card, posted through the Playground's connector. */
async function cardBot(cards: Record<string, AdaptiveCard>): Promise<{ endpoint: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      res.statusCode = 200;
      res.end();
      let activity: Record<string, any>;
      try {
        activity = JSON.parse(body || '{}') as Record<string, any>;
      } catch {
        return;
      }
      const name = /kaart (\S+)/.exec(String(activity.text ?? ''))?.[1];
      if (activity.type !== 'message' || !name || !cards[name]) return;
      const base = String(activity.serviceUrl).replace(/\/$/, '');
      void fetch(`${base}/v3/conversations/${encodeURIComponent(activity.conversation.id)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          from: activity.recipient,
          recipient: activity.from,
          conversation: activity.conversation,
          replyToId: activity.id,
          attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: cards[name] }],
        }),
      });
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${port}/api/messages`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** What the page knows of an element (no DOM types here). */
interface Box {
  left: number;
  right: number;
  width: number;
  height: number;
}
interface Element {
  getBoundingClientRect(): Box;
  querySelectorAll(selector: string): ArrayLike<Element>;
  scrollWidth: number;
  clientWidth: number;
  textContent: string | null;
}

/** The height of the card's element, and whether any of its text sticks out sideways (cut off). */
async function measure(card: Locator): Promise<{ height: number; cutOff: string[] }> {
  await card.scrollIntoViewIfNeeded();
  return card.evaluate((node) => {
    const root = node as unknown as Element;
    const box = root.getBoundingClientRect();
    const cutOff = Array.from(root.querySelectorAll('.ac-textBlock, .ac-richTextBlock, .ac-pushButton'))
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1 || el.scrollWidth > el.clientWidth + 2);
      })
      .map((el) => (el.textContent ?? '').slice(0, 40));
    return { height: Math.round(box.height), cutOff };
  });
}

/** Gives the card the width Teams gives a full-width card (the Playground's own is fixed at 446 px). */
async function setCardWidth(card: Locator, width: number | undefined): Promise<void> {
  await card.evaluate((node, w) => {
    const css = (el: unknown) => (el as { style: Record<string, string> }).style;
    const up = (el: unknown) => (el as { parentElement: unknown }).parentElement;
    const px = w === null ? '' : `${w}px`;
    css(node).width = px;
    css(up(node)).width = px;
    // The bubble around the card clips what is wider than 446 px.
    css(up(up(node))).width = w === null ? '' : 'auto';
  }, width ?? null);
}

/** A screenshot of the whole card: the window grows for it when the card is taller than the window. */
async function shoot(page: Page, card: Locator, file: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const height = (await card.boundingBox())?.height ?? 0;
  if (height + 600 > viewport.height)
    await page.setViewportSize({ width: viewport.width, height: Math.min(Math.ceil(height) + 600, 16_000) });
  try {
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: path.join(OUT, file) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

describeIfChromium('test/browser/card-heights.test.ts')('the long cards in the Agents Playground, in Chromium', () => {
  const cards = longCards();
  const names = Object.keys(cards);
  let bot: Awaited<ReturnType<typeof cardBot>>;
  let playground: RunningPlayground;
  let context: BrowserContext;
  let page: Page;
  let config: PlaygroundConfig;
  const heights: Record<string, Record<string, number>> = {};
  const note = (name: string, column: string, height: number) => ((heights[name] ??= {})[column] = height);

  beforeAll(async () => {
    clearFiles(OUT);
    bot = await cardBot(cards);
    playground = await startPlayground({ endpoint: bot.endpoint, port: await freePort(), quiet: true });
    const api = new PlaygroundClient(playground.url);
    config = await api.config();
    context = await chromium.launchPersistentContext('', {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      // Wide enough for the chat list to be a side panel (narrower, it covers the chat as a drawer) and
      // for the chat pane, which clips what is wider, to hold a card of 776 px beside the log panel.
      viewport: { width: 1700, height: 2000 },
      locale: 'nl-NL',
    });
    await context.route('**/*', (route) => {
      const host = new URL(route.request().url()).hostname;
      return host === 'localhost' || host === '127.0.0.1' ? route.continue() : route.abort('blockedbyclient');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT);
    await page.goto(playground.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await page.getByRole('treeitem', { name: config.groupChats[0]!.name }).click();
    // One message per card, in this order: the n-th rendered card after the bot's own is cards[n].
    for (const name of names) {
      const before = await page.locator('.ac-adaptiveCard').count();
      await api.say(config.groupChats[0]!.id, config.currentUser.id, `kaart ${name}`, { mentionBot: config.bot });
      await page
        .locator('.ac-adaptiveCard')
        .nth(before)
        .waitFor({ state: 'visible', timeout: STEP_TIMEOUT * 2 });
    }
  }, 180_000);

  afterAll(async () => {
    await context?.close().catch(() => undefined);
    await playground?.stop();
    await bot?.close();
    const rows = Object.entries(heights).map(
      ([name, h]) =>
        `${name.padEnd(12)} ${Object.entries(h)
          .map(([k, v]) => `${k} ${v} px`)
          .join(', ')}`,
    );
    console.log(`card heights in the Playground (screenshots in ${path.relative(process.cwd(), OUT)}):\n${rows.join('\n')}`);
  }, 60_000);

  it('at its own 446 px, as the Playground shows them', async () => {
    const count = await page.locator('.ac-adaptiveCard').count();
    for (const [i, name] of names.entries()) {
      const card = page.locator('.ac-adaptiveCard').nth(count - names.length + i);
      note(name, 'playground', (await measure(card)).height);
    }
  });

  it.each([1200, 420] as Width[])(
    'at %i px wide, every long card arrives no taller than 1,500 px and nothing sticks out',
    async (width) => {
      const count = await page.locator('.ac-adaptiveCard').count();
      const problems: string[] = [];
      for (const [i, name] of names.entries()) {
        const card = page.locator('.ac-adaptiveCard').nth(count - names.length + i);
        await setCardWidth(card, WIDTHS[width]);
        const { height, cutOff } = await measure(card);
        note(name, `${width} (${WIDTHS[width]})`, height);
        await shoot(page, card, `${name}-${width}.png`);
        if (width === 1200 && height > MAX_HEIGHT) problems.push(`${name}: ${height} px`);
        if (cutOff.length) problems.push(`${name}: cut off at ${width} px: ${cutOff.join(' | ')}`);
      }
      expect(problems).toEqual([]);
    },
    180_000,
  );

  it('"Toon alles" and "Toon argumenten" show the rest of a card', async () => {
    const count = await page.locator('.ac-adaptiveCard').count();
    const opened: string[] = [];
    for (const [i, name] of names.entries()) {
      const card = page.locator('.ac-adaptiveCard').nth(count - names.length + i);
      await setCardWidth(card, WIDTHS[1200]);
      const buttons = card.getByRole('button', { name: SHOW });
      if ((await buttons.count()) === 0) continue;
      const before = await measure(card);
      // Each press shows what was hidden; a "Toon argumenten" inside what "Toon alles" opened is pressed too.
      for (let guard = 0; guard < 200; guard++) {
        const next = card.getByRole('button', { name: SHOW }).locator('visible=true').first();
        if ((await next.count()) === 0) break;
        await next.click();
      }
      const after = await measure(card);
      note(name, 'opened', after.height);
      await shoot(page, card, `${name}-opened.png`);
      expect([name, after.height > before.height]).toEqual([name, true]);
      expect([
        name,
        await card
          .getByRole('button', { name: /^Verberg/ })
          .locator('visible=true')
          .count(),
      ]).not.toEqual([name, 0]);
      opened.push(name);
    }
    expect(opened).toEqual(expect.arrayContaining(['reveal', 'summary']));
  }, 180_000);
});
