/**
 * What the browser tests share: Debian's Chromium (installed when missing and we may), the bot and the
 * Microsoft 365 Agents Playground started together (scripts/playground.ts), the Playground's own page
 * opened in a fresh headless profile, and the small steps a test takes on that page: say a command,
 * press a card button, wait for a card's text, save a screenshot.
 *
 * Requests to any host other than localhost (the Office CDN's fonts and animations) are blocked so the
 * page never waits on the internet.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import {
  startPlaygroundSession,
  type MessageStream,
  type PlaygroundClient,
  type PlaygroundConfig,
  type PlaygroundSession,
  type StreamMessage,
} from '../../scripts/playground';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Screenshots and failure evidence (ignored by git). */
export const BROWSER_RESULTS = path.resolve(__dirname, '..', '..', 'test-results', 'browser');
export const STEP_TIMEOUT = 20_000;

/** Installs Debian's Chromium when it is missing and we may; answers why not when it stays missing. */
export function chromiumMissing(): string | undefined {
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

/** `describe` when Chromium is there, else `describe.skip` with a message saying why. */
export function describeIfChromium(testFile: string): jest.Describe {
  const missing = chromiumMissing();
  if (missing) console.warn(`SKIPPED ${testFile}: ${missing}`);
  return missing ? describe.skip : describe;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Empties `dir` of its files (screenshots, evidence), keeping subdirectories: another test file may be writing there. */
export function clearFiles(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    if (statSync(file).isFile()) rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Cards as JSON
// ---------------------------------------------------------------------------------------------

/** The Adaptive Card of a stream message, if it has one. */
export function cardOf(message: StreamMessage | undefined): any {
  const a = message?.attachments?.[0];
  return a?.contentType === 'application/vnd.microsoft.card.adaptive' ? a.content : undefined;
}

/** Every node of a JSON tree for which `pick` holds (the card's `refresh` left out). */
export function findAll(node: unknown, pick: (n: Record<string, any>) => boolean): Record<string, any>[] {
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

export const verbsOf = (card: unknown): string[] =>
  findAll(card, (n) => n.type === 'Action.Execute' && typeof n.verb === 'string').map((n) => n.verb as string);

/** All text of a card's runs and blocks, one per line; consecutive runs of one block joined. */
export const textOf = (card: unknown): string =>
  findAll(card, (n) => (n.type === 'TextRun' || n.type === 'TextBlock') && typeof n.text === 'string')
    .map((n) => n.text as string)
    .join('\n');

/** A card's text with the runs of each RichTextBlock joined into one line, as a reader sees it. */
export const linesOf = (card: unknown): string =>
  findAll(card, (n) => n.type === 'TextBlock' || (n.type === 'RichTextBlock' && Array.isArray(n.inlines)))
    .map((n) => (n.type === 'TextBlock' ? String(n.text) : (n.inlines as Array<{ text?: string }>).map((r) => r.text ?? '').join('')))
    .join('\n');

// ---------------------------------------------------------------------------------------------
// Waiting on the page
// ---------------------------------------------------------------------------------------------

export async function expectVisible(locator: Locator, timeout = STEP_TIMEOUT): Promise<void> {
  await locator.waitFor({ state: 'visible', timeout });
}

/** Waits until the element's text contains `text`; fails with the text it has. */
export async function hasText(locator: Locator, text: string | RegExp, timeout = STEP_TIMEOUT): Promise<void> {
  try {
    await locator.filter({ hasText: text }).waitFor({ state: 'visible', timeout });
  } catch {
    const actual = await locator.innerText({ timeout: 1000 }).catch(() => '(not on the page)');
    throw new Error(`expected the card to show "${String(text)}" within ${timeout} ms; it shows:\n${actual}`);
  }
}

/** The element's text (now) does not contain `text`. */
export async function lacksText(locator: Locator, text: string): Promise<void> {
  expect(await locator.innerText()).not.toContain(text);
}

/** Waits until the input holds `value`; fails with what it holds. */
export async function hasValue(input: Locator, value: string, timeout = STEP_TIMEOUT): Promise<void> {
  const element = await input.elementHandle({ timeout });
  try {
    await input.page().waitForFunction(([el, v]) => (el as { value?: string } | null)?.value === v, [element, value] as const, { timeout });
  } catch {
    throw new Error(`expected the input to hold "${value}" within ${timeout} ms; it holds "${await input.inputValue().catch(() => '?')}"`);
  } finally {
    await element?.dispose();
  }
}

/** Fails when the page shows raw markdown, a template or message placeholder, or a JavaScript leftover. */
export function expectNoLeftovers(text: string): void {
  expect(text).not.toMatch(/\*\*|\$\{|\{\w+\}|undefined|\[object Object\]/);
}

// ---------------------------------------------------------------------------------------------
// The Playground's page
// ---------------------------------------------------------------------------------------------

export interface PlaygroundPageOptions {
  /** Where screenshots and failure evidence go; emptied of files at the start. */
  out: string;
  botEnv?: Record<string, string>;
  viewport?: { width: number; height: number };
  /** The bot's log level (pino, to stdout); silent unless a test wants to see why a post did not come. */
  logLevel?: string;
}

/**
 * The bot, the Playground and Chromium on the Playground's page, as one thing to start and stop.
 * Its members are arrow functions, so a test may take them out: `const { say, press } = run`.
 */
export class PlaygroundPage {
  readonly blockedHosts = new Set<string>();
  readonly pageErrors: string[] = [];
  /** Update frames the page itself received on the Playground's conversation stream. */
  private readonly pageUpdates: Array<{ messageId: string; text: string; at: number }> = [];
  private wakeUpdateWaiters: Array<() => void> = [];
  private step = 0;
  private readonly started = Date.now();

  private constructor(
    readonly options: PlaygroundPageOptions,
    readonly session: PlaygroundSession,
    readonly stream: MessageStream,
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly profile: string,
  ) {}

  static async start(options: PlaygroundPageOptions): Promise<PlaygroundPage> {
    clearFiles(options.out);
    const session = await startPlaygroundSession({
      botPort: 0,
      playgroundPort: await freePort(),
      locale: 'nl-NL',
      logLevel: options.logLevel ?? 'silent',
      quiet: true,
      botEnv: { SHARED_CARD_UPDATE_MS: '300', ...options.botEnv },
    });
    let stream: MessageStream | undefined;
    let context: BrowserContext | undefined;
    const profile = mkdtempSync(path.join(os.tmpdir(), 'sb-chromium-'));
    try {
      stream = await session.client.stream();
      // A fresh --user-data-dir: playwright passes that flag itself (launch() refuses it in `args`),
      // so a persistent context on a new empty directory is how to choose it.
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
        viewport: options.viewport ?? { width: 1280, height: 2000 },
        locale: 'nl-NL',
        timeout: 60_000,
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const run = new PlaygroundPage(options, session, stream, context, page, profile);
      await context.route('**/*', (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
          return route.continue();
        run.blockedHosts.add(url.hostname);
        return route.abort('blockedbyclient');
      });
      page.setDefaultTimeout(STEP_TIMEOUT);
      page.on('pageerror', (err) => run.pageErrors.push(err.message));
      run.watchPageStream();
      return run;
    } catch (err) {
      stream?.close();
      await context?.close().catch(() => undefined);
      await session.stop();
      rmSync(profile, { recursive: true, force: true });
      throw err;
    }
  }

  get config(): PlaygroundConfig {
    return this.session.config;
  }

  get api(): PlaygroundClient {
    return this.session.client;
  }

  /** The group chat of .m365agentsplayground.yml: the table. */
  get chatId(): string {
    return this.session.config.groupChats[0]!.id;
  }

  /** How long since start, in whole seconds. */
  get seconds(): number {
    return Math.round((Date.now() - this.started) / 1000);
  }

  stop = async (): Promise<void> => {
    this.stream.close();
    await this.context.close().catch(() => undefined);
    await this.session.stop();
    rmSync(this.profile, { recursive: true, force: true });
  };

  /** Opens the Playground's page on the group chat; the bot is "installed" there and introduces itself. */
  openGroupChat = async (): Promise<void> => {
    await this.page.goto(this.session.playground.url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await this.page.getByRole('treeitem', { name: this.session.config.groupChats[0]!.name }).click();
  };

  /** Every rendered card on the page. */
  cards = (): Locator => this.page.locator('.ac-adaptiveCard');

  /** The last rendered card that contains `text`. */
  cardWith = (text: string | RegExp): Locator => this.cards().filter({ hasText: text }).last();

  /** The last rendered card with a button named `name`. */
  cardWithButton = (name: string | RegExp): Locator =>
    this.cards()
      .filter({ has: this.page.getByRole('button', { name, exact: typeof name === 'string' }) })
      .last();

  /**
   * The card of one message, wherever its content goes: the page keeps messages in order and only
   * appends below, so the n-th rendered card stays the same message while its content is replaced.
   */
  pinned = async (card: Locator): Promise<Locator> => {
    await expectVisible(card);
    const index = await card.evaluate((el) => Array.from(el.ownerDocument.querySelectorAll('.ac-adaptiveCard')).indexOf(el));
    if (index < 0) throw new Error('the card is not on the page');
    return this.cards().nth(index);
  };

  /** A text (Markdown) message of the bot on the page, rendered outside the Adaptive Card renderer. */
  textMessageWith = (text: string | RegExp): Locator =>
    this.page
      .locator('.fai-OutputCard')
      .filter({ hasText: text })
      .filter({ hasNot: this.page.locator('.ac-adaptiveCard') })
      .last();

  /** Saves one element as NN-name.png and, with `page`, also the whole window as NN-name-page.png. */
  shot = async (name: string, element?: Locator, options: { page?: boolean } = {}): Promise<void> => {
    this.step += 1;
    const base = path.join(this.options.out, `${String(this.step).padStart(2, '0')}-${name}`);
    if (!element || options.page !== false) await this.page.screenshot({ path: `${base}-page.png` });
    if (element) await this.shootWhole(element, `${base}.png`);
  };

  /**
   * Saves one card as NN-name-<width>.png for each client width, and answers its height in px at
   * each. The Playground's page draws every card 446 px wide in its wide layout (as Teams' desktop
   * draws a card that is not full width), and its narrow layout puts the chat list over the chat and
   * re-renders every card, dropping what was typed in a form. So the window is never resized: a width
   * below the card's own is shown by narrowing the card itself to that width less Teams mobile's
   * margins (2 × 12 px), which lays it out again without re-rendering it.
   */
  shotAt = async (name: string, card: Locator, widths: readonly number[]): Promise<number[]> => {
    this.step += 1;
    const base = path.join(this.options.out, `${String(this.step).padStart(2, '0')}-${name}`);
    const heights: number[] = [];
    await expectVisible(card);
    const natural = (await card.boundingBox())?.width ?? 0;
    for (const width of widths) {
      const narrowed = width < natural ? `${width - 24}px` : '';
      await card.evaluate((el, w) => {
        const style = (el as unknown as { style: Record<string, string> }).style;
        style.width = w;
        style.maxWidth = w;
      }, narrowed);
      try {
        // Two frames: the browser lays the card out again for its new width.
        await this.page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
        heights.push(Math.round((await card.boundingBox())?.height ?? 0));
        await this.shootWhole(card, `${base}-${width}.png`);
      } finally {
        await card.evaluate((el) => {
          const style = (el as unknown as { style: Record<string, string> }).style;
          style.width = '';
          style.maxWidth = '';
        });
      }
    }
    return heights;
  };

  /**
   * The chat is a scrolling pane inside the window, so an element screenshot only gets what fits in
   * the window: for a card taller than that, the window grows for the one screenshot.
   */
  private async shootWhole(element: Locator, file: string): Promise<void> {
    await element.scrollIntoViewIfNeeded();
    const viewport = this.page.viewportSize();
    const height = (await element.boundingBox())?.height ?? 0;
    const needed = Math.ceil(height) + 600;
    if (!viewport || needed <= viewport.height) return void (await element.screenshot({ path: file }));
    await this.page.setViewportSize({ width: viewport.width, height: Math.min(needed, 16_000) });
    try {
      await element.scrollIntoViewIfNeeded();
      await element.screenshot({ path: file });
    } finally {
      await this.page.setViewportSize(viewport);
    }
  }

  /** On failure: what the page looked like, for whoever reads the CI log. */
  evidence = async (name: string): Promise<void> => {
    await this.page.screenshot({ path: path.join(this.options.out, `failed-${name}.png`) }).catch(() => undefined);
    writeFileSync(path.join(this.options.out, `failed-${name}.html`), await this.page.content().catch(() => ''));
  };

  /** Types `@Sociale Basis <text>` in the compose box and sends it (in a group chat the bot hears only mentions). */
  say = async (text: string): Promise<void> => {
    const { page } = this;
    const botName = this.session.config.bot.name;
    await page.getByRole('textbox').last().click();
    await page.keyboard.type(`@${botName.slice(0, 3)}`);
    await page.getByRole('menuitem', { name: botName }).click();
    await page.keyboard.type(` ${text}`);
    await page.keyboard.press('Enter');
  };

  /** A chat command as `from` (any member), through the Playground's API, with the bot @mentioned. */
  sayAs = async (from: string, text: string): Promise<void> => {
    await this.api.say(this.chatId, from, text, { mentionBot: this.session.config.bot });
  };

  /** The bot's messages in this chat (latest version of each), from the Playground's stream. */
  botMessages = (): StreamMessage[] => this.stream.messages(this.chatId).filter((m) => m.from?.id === this.session.config.bot.id);

  /** The first bot message whose card has a button with `verb`. */
  messageWithVerb = (verb: string): StreamMessage | undefined => this.botMessages().find((m) => verbsOf(cardOf(m)).includes(verb));

  /** The last bot message whose card's text contains `text`. */
  messageWithText = (text: string): StreamMessage | undefined =>
    [...this.botMessages()].reverse().find((m) => textOf(cardOf(m)).includes(text));

  /** Waits for the bot's message whose card has `verb`, and answers its id. */
  idOfVerb = async (verb: string, what = `the card with ${verb}`): Promise<string> =>
    (await this.stream.waitFor(() => this.messageWithVerb(verb), what)).messageId;

  /** Waits for the bot's message whose card shows `text`, and answers its id. */
  idOfText = async (text: string, what = `the card showing "${text}"`): Promise<string> =>
    (await this.stream.waitFor(() => this.messageWithText(text), what)).messageId;

  private watchPageStream(): void {
    this.page.on('websocket', (ws) => {
      if (!ws.url().includes('/_ws_conversation/')) return;
      ws.on('framereceived', (frame) => {
        try {
          const event = JSON.parse(String(frame.payload)) as { action?: string; message?: StreamMessage };
          if (event.action === 'updateMessage' && event.message)
            this.pageUpdates.push({ messageId: event.message.messageId, text: textOf(cardOf(event.message)), at: Date.now() });
        } catch {
          return; // not an event
        }
        const wake = this.wakeUpdateWaiters;
        this.wakeUpdateWaiters = [];
        wake.forEach((w) => w());
      });
    });
  }

  /** Resolves when the page has received an update of `messageId` after `since` whose text contains `text`. */
  pageReceivedUpdate = async (messageId: string, since: number, text: string, timeout = STEP_TIMEOUT): Promise<void> => {
    const deadline = Date.now() + timeout;
    while (!this.pageUpdates.some((u) => u.messageId === messageId && u.at >= since && u.text.includes(text))) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the page got no update of message ${messageId} showing "${text}" within ${timeout} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wakeUpdateWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };

  /** Clicks a card button (Action.Execute) and resolves with the card the bot answered. */
  press = async (button: Locator): Promise<any> => {
    const [response] = await Promise.all([
      this.page.waitForResponse((r) => r.url().endsWith('/_conversation/v1/invoke') && r.request().method() === 'POST'),
      button.click(),
    ]);
    expect(response.status()).toBe(200);
    return (await response.json()).value;
  };

  /** One line for the log: how long it took, where the screenshots are, what was blocked. */
  summary = (label: string): string =>
    `${label}: ${this.seconds} s; screenshots in ${path.relative(process.cwd(), this.options.out)}; blocked hosts: ${[...this.blockedHosts].join(', ') || 'none'}`;
}
