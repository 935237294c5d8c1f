/**
 * The bot in a real browser: the Microsoft 365 Agents Playground's own web page (its Adaptive Card
 * renderer) in Debian's Chromium, driven with playwright-core. One table, Round 1, two people:
 *
 *   - Anna de Vries (the page's user) starts the table in the group chat, joins with "Doe mee",
 *     gives name consent, moves on with "volgende" twice, opens her pick form, chooses three cards,
 *     writes three arguments in the rendered form and hands them in;
 *   - Sanne Jansen (another mock user of .m365agentsplayground.yml) joins and hands in her picks
 *     through the Playground's HTTP API (POST /_conversation/v1/invoke as her);
 *   - Anna types "onthul"; the page must show both picks with their arguments.
 *
 * A screenshot of every step is saved in test-results/browser/ (ignored by git): look at them.
 *
 * Needs /usr/bin/chromium (Debian's `chromium`; CHROMIUM_PATH overrides). When it is missing and we
 * are root with apt-get, it is installed; otherwise the test is skipped with a message saying so.
 * Requests to any host other than localhost (the Office CDN's fonts and animations) are blocked so the
 * page never waits on the internet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startPlaygroundSession, type MessageStream, type PlaygroundSession, type StreamMessage } from '../../scripts/playground';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.resolve(__dirname, '..', '..', 'test-results', 'browser');
const STEP_TIMEOUT = 20_000;

/** Installs Debian's Chromium when it is missing and we may; answers why not when it stays missing. */
function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (CHROMIUM === '/usr/bin/chromium' && isRoot && existsSync('/usr/bin/apt-get')) {
    try {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'ignore', env, timeout: 300_000 });
      execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'ignore', env, timeout: 600_000 });
    } catch (err) {
      return `apt-get install -y chromium failed: ${(err as Error).message.split('\n')[0]}`;
    }
    return existsSync(CHROMIUM) ? undefined : `apt-get installed chromium, but ${CHROMIUM} is still missing`;
  }
  return `${CHROMIUM} is missing and cannot be installed here (needs root and apt-get): run "sudo apt-get install -y chromium", or set CHROMIUM_PATH`;
}

const missing = chromiumMissing();
if (missing) console.warn(`SKIPPED test/browser/playground.test.ts: ${missing}`);
const describeIfChromium = missing ? describe.skip : describe;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** The Adaptive Card of a stream message, if it has one. */
function cardOf(message: StreamMessage | undefined): any {
  const a = message?.attachments?.[0];
  return a?.contentType === 'application/vnd.microsoft.card.adaptive' ? a.content : undefined;
}

/** Every node of a JSON tree for which `pick` holds (the card's `refresh` left out). */
function findAll(node: unknown, pick: (n: Record<string, any>) => boolean): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, any>;
    if (pick(o)) found.push(o);
    for (const [k, v] of Object.entries(o)) if (k !== 'refresh') walk(v);
  };
  walk(node);
  return found;
}

const verbsOf = (card: unknown): string[] => findAll(card, (n) => n.type === 'Action.Execute' && typeof n.verb === 'string').map((n) => n.verb as string);

/** All text of a card's runs and blocks, one per line. */
const textOf = (card: unknown): string =>
  findAll(card, (n) => (n.type === 'TextRun' || n.type === 'TextBlock') && typeof n.text === 'string')
    .map((n) => n.text as string)
    .join('\n');

async function expectVisible(locator: Locator, timeout = STEP_TIMEOUT): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Waits until the element's text contains `text`; fails with the text it has. */
async function hasText(locator: Locator, text: string, timeout = STEP_TIMEOUT): Promise<void> {
  try {
    await locator.filter({ hasText: text }).waitFor({ state: 'visible', timeout });
  } catch {
    const actual = await locator.innerText({ timeout: 1000 }).catch(() => '(not on the page)');
    throw new Error(`expected the card to show "${text}" within ${timeout} ms; it shows:\n${actual}`);
  }
}

/** The element's text (now) does not contain `text`. */
async function lacksText(locator: Locator, text: string): Promise<void> {
  expect(await locator.innerText()).not.toContain(text);
}

/** Waits until the input holds `value`; fails with what it holds. */
async function hasValue(input: Locator, value: string, timeout = STEP_TIMEOUT): Promise<void> {
  const element = await input.elementHandle({ timeout });
  try {
    await input.page().waitForFunction(([el, v]) => (el as { value?: string } | null)?.value === v, [element, value] as const, { timeout });
  } catch {
    throw new Error(`expected the input to hold "${value}" within ${timeout} ms; it holds "${await input.inputValue().catch(() => '?')}"`);
  } finally {
    await element?.dispose();
  }
}

describeIfChromium('the bot in the Agents Playground, in Chromium', () => {
  let session: PlaygroundSession;
  let stream: MessageStream;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let chatId: string;
  let step = 0;
  const blockedHosts = new Set<string>();
  const pageErrors: string[] = [];
  const started = Date.now();

  beforeAll(async () => {
    rmSync(OUT, { recursive: true, force: true });
    mkdirSync(OUT, { recursive: true });
    session = await startPlaygroundSession({
      botPort: 0,
      playgroundPort: await freePort(),
      locale: 'nl-NL',
      logLevel: 'silent',
      quiet: true,
      botEnv: { SHARED_CARD_UPDATE_MS: '300' },
    });
    chatId = session.config.groupChats[0]!.id;
    stream = await session.client.stream();
    profile = mkdtempSync(path.join(os.tmpdir(), 'sb-chromium-'));
    // A fresh --user-data-dir: playwright passes that flag itself (launch() refuses it in `args`),
    // so a persistent context on a new empty directory is how to choose it.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 2000 },
      locale: 'nl-NL',
      timeout: 60_000,
    });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      blockedHosts.add(url.hostname);
      return route.abort('blockedbyclient');
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(STEP_TIMEOUT);
    page.on('pageerror', (err) => pageErrors.push(err.message));
  }, 120_000);

  afterAll(async () => {
    stream?.close();
    await context?.close().catch(() => undefined);
    await session?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
    console.log(`browser test: ${Math.round((Date.now() - started) / 1000)} s; screenshots in ${path.relative(process.cwd(), OUT)}; blocked hosts: ${[...blockedHosts].join(', ') || 'none'}`);
  }, 60_000);

  /** Every rendered card on the page. */
  const cards = () => page.locator('.ac-adaptiveCard');
  /** The last rendered card that contains `text`. */
  const cardWith = (text: string | RegExp) => cards().filter({ hasText: text }).last();

  /** Saves one card as NN-name.png and the whole window as NN-name-page.png. */
  async function shot(name: string, card?: Locator): Promise<void> {
    step += 1;
    const base = path.join(OUT, `${String(step).padStart(2, '0')}-${name}`);
    if (card) {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: `${base}.png` });
    }
    await page.screenshot({ path: `${base}-page.png` });
  }

  /** On failure: what the page looked like, for whoever reads the CI log. */
  async function evidence(name: string): Promise<void> {
    await page.screenshot({ path: path.join(OUT, `failed-${name}.png`) }).catch(() => undefined);
    writeFileSync(path.join(OUT, `failed-${name}.html`), await page.content().catch(() => ''));
  }

  /** Types `@Sociale Basis <text>` in the compose box and sends it (in a group chat the bot hears only mentions). */
  async function say(text: string): Promise<void> {
    const botName = session.config.bot.name;
    await page.getByRole('textbox').last().click();
    await page.keyboard.type(`@${botName.slice(0, 3)}`);
    await page.getByRole('menuitem', { name: botName }).click();
    await page.keyboard.type(` ${text}`);
    await page.keyboard.press('Enter');
  }

  /** The bot's messages in this chat (latest version of each), from the Playground's stream. */
  const botMessages = () => stream.messages(chatId).filter((m) => m.from?.id === session.config.bot.id);
  const messageWithVerb = (verb: string) => botMessages().find((m) => verbsOf(cardOf(m)).includes(verb));

  /** Update frames the page itself received on the Playground's conversation stream. */
  const pageUpdates: Array<{ messageId: string; text: string; at: number }> = [];
  let wakeUpdateWaiters: Array<() => void> = [];
  const watchPageStream = () =>
    page.on('websocket', (ws) => {
      if (!ws.url().includes('/_ws_conversation/')) return;
      ws.on('framereceived', (frame) => {
        try {
          const event = JSON.parse(String(frame.payload)) as { action?: string; message?: StreamMessage };
          if (event.action === 'updateMessage' && event.message) pageUpdates.push({ messageId: event.message.messageId, text: textOf(cardOf(event.message)), at: Date.now() });
        } catch {
          return; // not an event
        }
        const wake = wakeUpdateWaiters;
        wakeUpdateWaiters = [];
        wake.forEach((w) => w());
      });
    });

  /** Resolves when the page has received an update of `messageId` after `since` whose text contains `text`. */
  async function pageReceivedUpdate(messageId: string, since: number, text: string, timeout = STEP_TIMEOUT): Promise<void> {
    const deadline = Date.now() + timeout;
    while (!pageUpdates.some((u) => u.messageId === messageId && u.at >= since && u.text.includes(text))) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the page got no update of message ${messageId} showing "${text}" within ${timeout} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wakeUpdateWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Clicks a card button (Action.Execute) and resolves with the card the bot answered. */
  async function press(button: Locator): Promise<any> {
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke') && r.request().method() === 'POST'), button.click()]);
    expect(response.status()).toBe(200);
    return (await response.json()).value;
  }

  it('runs Round 1 for two people and reveals both picks', async () => {
    const anna = session.config.currentUser;
    const sanne = session.config.users.find((u) => u.name === 'Sanne Jansen')!;
    const api = session.client;
    try {
      watchPageStream();
      await page.goto(session.playground.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
      await page.getByRole('treeitem', { name: session.config.groupChats[0]!.name }).click();

      // 0. Opening the chat "installs" the bot there: it introduces itself.
      const help = cardWith('Zo werkt de Sociale Basis-bot');
      await expectVisible(help);
      await shot('help', help);

      // 1. The leider starts the table.
      await say('start');
      const welcome = cardWith('Wat er met de uitkomsten gebeurt');
      const joinButton = welcome.getByRole('button', { name: 'Doe mee' });
      await expectVisible(joinButton);
      await hasText(welcome, '0 van maximaal 8 deelnemers doen mee.');
      await hasText(welcome, `Gespreksleider: ${anna.name}`);
      await shot('welcome', welcome);
      const welcomeId = (await stream.waitFor(() => messageWithVerb('join'), 'the welcome card in the stream')).messageId;

      // 2. She joins: her own view of the welcome card, with the consent switch. The shared card is
      //    updated at the same moment; the Playground has no per-user refresh, so whichever of the
      //    two arrives last is what the page shows. "Doe mee" again brings her own view back.
      const ownView = welcome.getByText(/Je doet mee als deelnemer \d+/);
      const showOwnView = async (since: number, sharedText: string) => {
        await pageReceivedUpdate(welcomeId, since, sharedText);
        await expectVisible(ownView.or(joinButton));
        if (!(await ownView.isVisible())) await press(joinButton);
        await expectVisible(ownView);
      };
      let since = Date.now();
      const joined = await press(joinButton);
      expect(textOf(joined)).toContain('Je doet mee als deelnemer 1');
      await showOwnView(since, '1 van maximaal 8 deelnemers doen mee.');
      await hasText(welcome, 'Je doet mee als deelnemer 1');
      await shot('joined', welcome);

      // 3. Name consent.
      since = Date.now();
      await press(welcome.getByRole('button', { name: 'Mijn naam mag in het verslag' }));
      await showOwnView(since, `Aan tafel: ${anna.name}.`);
      await hasText(welcome, `Je naam (${anna.name}) mag in het verslag`);
      await expectVisible(welcome.getByRole('button', { name: 'Liever zonder mijn naam' }));
      await shot('consent', welcome);

      // 4. volgende: kennismaking.
      await say('volgende');
      const intro = cardWith('Wie ben je en op welke manier ben je betrokken bij de sociale basis?');
      await expectVisible(intro);
      await shot('kennismaking', intro);
      await press(intro.getByRole('button', { name: 'Vul mijn kennismaking in' }));
      const introForm = cards().filter({ has: page.getByRole('button', { name: 'Opslaan' }) }).last();
      await expectVisible(introForm);
      await shot('kennismaking-form', introForm);
      await introForm.getByRole('textbox').first().fill('Beleidsmedewerker sociaal domein');
      await press(introForm.getByRole('button', { name: 'Opslaan' }));
      const introSaved = cardWith('je kennismaking is opgeslagen');
      await expectVisible(introSaved);
      await shot('kennismaking-saved', introSaved);

      // 5. volgende: Round 1, its card with the deck and the shared progress card.
      await say('volgende');
      const round1 = cards().filter({ has: page.getByRole('button', { name: 'Kies mijn drie kaartjes' }) }).last();
      await expectVisible(round1);
      await hasText(round1, 'Ronde 1');
      await shot('round1', round1);
      const progress = cardWith('Ronde 1: stille keuze');
      await hasText(progress, '0 van 1 ingeleverd');
      await shot('progress-0-of-1', progress);
      const round1Id = (await stream.waitFor(() => messageWithVerb('picks.open'), 'the Round 1 card in the stream')).messageId;
      const progressId = (await stream.waitFor(() => botMessages().find((m) => textOf(cardOf(m)).includes('Ronde 1: stille keuze')), 'the progress card in the stream')).messageId;

      // 6. Her pick form, filled in the rendered card.
      await press(round1.getByRole('button', { name: 'Kies mijn drie kaartjes' }));
      const form = cardWith('Jouw drie kaartjes');
      await expectVisible(form);
      await shot('pick-form', form);
      const annaPicks = {
        in: ['Buurthuis', 'Iedereen kan er binnenlopen, het is van de buurt.'],
        out: ['Huisarts', 'Dat is zorg op recept, geen basis voor iedereen.'],
        doubt: ['Bibliotheek', 'Een voorziening, maar wordt ook een ontmoetingsplek.'],
      } as const;
      const labels = { in: ['Dit hoort zeker bij de sociale basis', 'Waarom hoort het erbij?'], out: ['Dit hoort zeker niet bij de sociale basis', 'Waarom hoort het er niet bij?'], doubt: ['Hierover twijfel ik', 'Waarom twijfel je?'] } as const;
      for (const role of ['in', 'out', 'doubt'] as const) {
        const [cardTitle, argument] = annaPicks[role];
        const combo = form.getByRole('combobox', { name: labels[role][0] });
        await combo.click();
        await combo.fill(cardTitle);
        await page.getByRole('option', { name: cardTitle, exact: true }).click();
        await hasValue(combo, cardTitle);
        await form.getByRole('textbox', { name: labels[role][1] }).fill(argument);
      }
      await shot('pick-form-filled', form);

      // 7. Hand in: her confirmation replaces the form; the shared progress card counts her.
      const saved = await press(form.getByRole('button', { name: 'Inleveren' }));
      expect(textOf(saved)).toContain('Je keuzes zijn ingeleverd');
      const confirmation = cardWith('Je keuzes zijn ingeleverd');
      await expectVisible(confirmation);
      for (const [cardTitle, argument] of Object.values(annaPicks)) {
        await hasText(confirmation, cardTitle);
        await hasText(confirmation, argument);
      }
      await expectVisible(confirmation.getByRole('button', { name: 'Wijzig mijn keuzes' }));
      await shot('picks-saved', confirmation);
      await hasText(progress, '1 van 1 ingeleverd');

      // 8. Sanne, through the Playground's API as herself: joins (no name consent) and hands in.
      const sanneJoined = await api.invoke(chatId, sanne.id, welcomeId, 'join');
      expect(textOf(sanneJoined.value)).toContain('Je doet mee als deelnemer 2');
      await hasText(welcome, '2 van maximaal 8 deelnemers doen mee.');
      // Sanne gave no consent: she is counted, not named.
      await hasText(welcome, `Aan tafel: ${anna.name} en nog 1 ander.`);
      await shot('welcome-two-joined', welcome);
      await hasText(progress, '1 van 2 ingeleverd');
      await shot('progress-1-of-2', progress);
      const sanneForm = (await api.invoke(chatId, sanne.id, round1Id, 'picks.open', { round: 1 })).value;
      const choices = findAll(sanneForm, (n) => n.type === 'Input.ChoiceSet')[0]!.choices as Array<{ title: string; value: string }>;
      const idOf = (title: string): string => {
        const choice = choices.find((c) => c.title === title);
        if (!choice) throw new Error(`no card "${title}" in the pick form`);
        return choice.value;
      };
      const sannePicks = {
        in: ['Mantelzorger', 'Zonder mantelzorgers valt de buurt om.'],
        out: ['Huisarts', 'Medische zorg, daar heb je een verwijzing voor.'],
        doubt: ['Het park', 'Iedereen komt er, maar ontmoet je er elkaar echt?'],
      } as const;
      const submitData = findAll(sanneForm, (n) => n.verb === 'picks.submit')[0]!.data as Record<string, unknown>;
      const sanneSaved = await api.invoke(chatId, sanne.id, round1Id, 'picks.submit', {
        ...submitData,
        inCard: idOf(sannePicks.in[0]),
        inArgument: sannePicks.in[1],
        outCard: idOf(sannePicks.out[0]),
        outArgument: sannePicks.out[1],
        doubtCard: idOf(sannePicks.doubt[0]),
        doubtArgument: sannePicks.doubt[1],
      });
      expect(textOf(sanneSaved.value)).toContain('Je keuzes zijn ingeleverd');

      // 9. The shared progress card, updated by the bot, on the page.
      await hasText(progress, '2 van 2 ingeleverd');
      await hasText(progress, 'Iedereen heeft ingeleverd');
      await shot('progress-2-of-2', progress);
      // The same update, as the Playground's stream reports it.
      await stream.waitFor(() => (textOf(cardOf(botMessages().find((m) => m.messageId === progressId))).includes('2 van 2 ingeleverd') ? true : undefined), 'the progress update in the stream');
      // Nothing of anyone's picks is on the page before the reveal, except Anna's own confirmation.
      const pageText = await cards().allInnerTexts();
      for (const [, argument] of Object.values(sannePicks)) expect(pageText.join('\n')).not.toContain(argument);

      // 10. onthul: every pick with its argument, grouped per card.
      await say('onthul');
      const reveal = cardWith('Ronde 1: de keuzes onthuld');
      await expectVisible(reveal);
      for (const [cardTitle, argument] of [...Object.values(annaPicks), ...Object.values(sannePicks)]) {
        await hasText(reveal, cardTitle);
        await hasText(reveal, argument);
      }
      await hasText(reveal, anna.name);
      await hasText(reveal, 'deelnemer 2');
      await lacksText(reveal, sanne.name);
      await shot('reveal', reveal);
      await hasText(progress, 'De keuzes zijn onthuld');
      await shot('progress-revealed', progress);

      // 11. After the reveal, "Wijzig mijn keuzes" shows the picks as they stand, frozen.
      await press(confirmation.getByRole('button', { name: 'Wijzig mijn keuzes' }));
      const frozen = cardWith('De keuzes zijn onthuld en staan vast');
      await expectVisible(frozen);
      await hasText(frozen, annaPicks.in[1]);
      // Nothing to change any more: the only way on is back to the round's explanation.
      expect(await frozen.getByRole('button', { name: 'Wijzig mijn keuzes' }).count()).toBe(0);
      expect(await frozen.getByRole('button').allInnerTexts()).toEqual(['Terug naar de uitleg']);
      await shot('picks-frozen', frozen);

      // Whatever the page shows: no raw markdown, no template or message placeholders left.
      const everything = (await cards().allInnerTexts()).join('\n');
      expect(everything).not.toMatch(/\*\*|\$\{|\{\w+\}|undefined|\[object Object\]/);
      expect(pageErrors).toEqual([]);
    } catch (err) {
      await evidence('run');
      throw err;
    }
  }, 240_000);
});
