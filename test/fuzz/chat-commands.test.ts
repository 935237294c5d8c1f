/**
 * Fuzzing chat messages over HTTP, through the real server, at a table in each phase: arbitrary
 * unicode, command words followed by anything, with and without the bot's @mention, with `<at>` tags
 * and HTML entities, bidi marks, zero-width characters and very long lines, from the leider, a
 * co-leider, participants and someone outside the table; one to three messages in a row.
 *
 * For every message:
 * - HTTP 200, never a 5xx, and never the "went wrong on our side" notice;
 * - a message with command text gets an answer in the chat (a help card, a notice, or the command's
 *   own cards or card updates);
 * - the stored table is what `decide` makes of the one command the text is, read the way the bot
 *   reads it (commandText, then the session commands, then parseChatCommand): text that is no command
 *   changes nothing, and a command changes only what it may (the phase only for volgende / ronde /
 *   stop, the participants only for gast, and so on);
 * - raw input shows up only in TextRuns, input values and choice titles; in the markdown summary only
 *   escaped.
 */
import fc from 'fast-check';
import { defaultDeck, type TableState } from '../../src/domain';
import { languageOf, t } from '../../src/i18n';
import { actorOf } from '../../src/teams/routing/activity-identity';
import { commandText, firstMention } from '../../src/teams/routing/activity-text';
import { COMMANDS, parseCommand } from '../../src/teams/routing/commands';
import type { Harness } from '../support/bot-under-test';
import { cardOfCall, cardText } from '../support/cards';
import { useBot } from '../support/e2e-table';
import { BOT, message, user, type TeamsUser } from '../support/teams-activity';
import { INVISIBLES, anyTextArb, hugeTextArb, markedTextArb } from './arbitraries';
import { assertProperty, fuzzSeed, runs } from './fuzz-run';
import {
  ANNA,
  BRAM,
  CEES,
  FIXTURES,
  LEIDER,
  OUTSIDER,
  buildFuzzTable,
  observe,
  restore,
  type FixtureName,
  type FuzzTable,
} from './fuzz-table';
import { BOT_OWN_TEXT, checkSent, describeViolations, probesOf, stringsOf, violationTitle } from './output-check';
import {
  changedPaths,
  chatFrame,
  expectedAfter,
  expectedStart,
  normalise,
  outcomeOfChatCommand,
  outsideFrame,
  type ChatOutcome,
} from './oracle';

const SEED = fuzzSeed(0xc0ffee);
/** The session's commands and the table's own that name or erase one: with no session here they change nothing. */
const SESSION_COMMANDS = new Set([
  'sessionNew',
  'sessionErase',
  'coOrganiser',
  'overview',
  'sessionInfo',
  'link',
  'startWithCode',
  'erase',
]);
const MAX_PARTICIPANTS = 8;
const LOOKALIKE: TeamsUser = { ...user(398), name: ANNA.name };

/** Every word the bot knows, from its registry: the table's, and the session's (with codes, as typed). */
const wordsOf = (names: (name: string) => boolean) => [
  ...new Set(COMMANDS.filter((spec) => names(spec.name)).flatMap((spec) => [...spec.words.nl, ...spec.words.en])),
];
const TABLE_WORDS = wordsOf((name) => !SESSION_COMMANDS.has(name));
const SESSION_WORDS = [...wordsOf((name) => SESSION_COMMANDS.has(name)), 'start KX7-M4P', 'start kx7 m4p'];

interface Say {
  actor: TeamsUser;
  /** Where the bot's @mention goes, if anywhere. */
  botMention: 'start' | 'end' | 'none';
  /** People @mentioned after the text (with their mention entities). */
  mentions: TeamsUser[];
  text: string;
  locale: string;
}

const argumentArb = fc.oneof(
  { weight: 4, arbitrary: markedTextArb },
  { weight: 2, arbitrary: anyTextArb },
  { weight: 2, arbitrary: fc.constantFrom('1', '2', '3', '0', '4', ' 2 ', '120', '121', '5 minuten', '1e1', '٣', 'fase', '') },
  { weight: 1, arbitrary: hugeTextArb.map((s) => s.slice(0, 6000)) },
);

const wordArb = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...TABLE_WORDS) },
  { weight: 1, arbitrary: fc.constantFrom(...SESSION_WORDS) },
);

/** A command word, dressed: other case, a slash, a separator, then an argument. */
const commandLikeArb = fc
  .tuple(
    wordArb,
    fc.constantFrom('as-is', 'upper', 'title', 'slash'),
    fc.constantFrom(' ', '  ', ': ', ':', '\n', '\u00a0', '\t', '&nbsp;', ''),
    fc.option(argumentArb, { nil: undefined, freq: 4 }),
  )
  .map(([word, dress, sep, arg]) => {
    const w =
      dress === 'upper'
        ? word.toUpperCase()
        : dress === 'title'
          ? word.charAt(0).toUpperCase() + word.slice(1)
          : dress === 'slash'
            ? `/${word}`
            : word;
    return arg === undefined ? w : `${w}${sep}${arg}`;
  });

/** Text as a Teams client may deliver it: invisible characters, HTML around it, entities in it. */
function dressed(base: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(
      base,
      fc.array(fc.tuple(fc.nat(), fc.constantFrom(...INVISIBLES)), { maxLength: 3 }),
      fc.constantFrom('none', 'p', 'div-b', 'entities', 'at-tag', 'long'),
    )
    .map(([text, inserts, wrap]) => {
      let out = text;
      for (const [at, ch] of inserts) {
        const i = out.length ? at % (out.length + 1) : 0;
        out = out.slice(0, i) + ch + out.slice(i);
      }
      switch (wrap) {
        case 'p':
          return `<p>${out}</p>`;
        case 'div-b':
          return `<div><b>${out.split(' ')[0] ?? ''}</b> ${out.split(' ').slice(1).join(' ')}</div>`;
        case 'entities':
          return out.replace(/ /g, '&nbsp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
        case 'at-tag':
          return `${out} <at>Iemand Anders</at>`;
        case 'long':
          return `${out} ${'woord '.repeat(800)}`;
        default:
          return out;
      }
    });
}

const textArb = fc.oneof(
  { weight: 6, arbitrary: dressed(commandLikeArb) },
  { weight: 2, arbitrary: dressed(fc.string({ unit: 'grapheme', maxLength: 60 })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: dressed(markedTextArb) },
);

const sayArb: fc.Arbitrary<Say> = fc.record({
  actor: fc.oneof(
    { weight: 3, arbitrary: fc.constant(LEIDER) },
    { weight: 3, arbitrary: fc.constantFrom(CEES, ANNA, BRAM, OUTSIDER, LOOKALIKE) },
  ),
  botMention: fc.constantFrom('start', 'start', 'start', 'end', 'none'),
  mentions: fc.subarray([ANNA, CEES, OUTSIDER, LOOKALIKE], { maxLength: 2 }),
  text: textArb,
  locale: fc.constantFrom('nl-NL', 'nl-NL', 'en-US'),
});

/** The activity Teams would send for a `Say`. */
function activityOf(table: FuzzTable, s: Say) {
  const base = message(table.t.connector.url, table.t.chat, s.actor, s.text, {
    mentionBot: s.botMention === 'start',
    mentions: s.mentions,
    locale: s.locale,
  });
  if (s.botMention !== 'end') return base;
  const tag = `<at>${BOT.name}</at>`;
  return { ...base, text: `${base.text} ${tag}`, entities: [...base.entities, { type: 'mention', text: tag, mentioned: BOT }] };
}

/** What the text must do to the table, read the way the bot reads it. */
function expectation(wire: any, before: TableState | undefined) {
  const actor = actorOf(wire);
  const text = commandText(structuredClone(wire));
  if (!text) return { actor, text, kind: 'empty' as const, expected: before, outcome: { type: 'none' } as ChatOutcome };
  const command = parseCommand(text, firstMention(wire));
  // No session exists in these tests: every session command is refused or only asks, and changes nothing.
  if (command && SESSION_COMMANDS.has(command.spec.name))
    return { actor, text, kind: `session:${command.spec.name}`, expected: before, outcome: { type: 'none' } as ChatOutcome };
  const outcome = outcomeOfChatCommand(command, before, firstMention(wire));
  const lang = languageOf(wire.locale);
  let expected: TableState | undefined = before;
  if (outcome.type === 'start') expected = expectedStart(before, actor, outcome.title, lang, MAX_PARTICIPANTS, defaultDeck());
  else if (outcome.type === 'run' && before) expected = expectedAfter(before, actor, outcome.command);
  return { actor, text, kind: command?.spec.name ?? 'unknown', command, expected, outcome };
}

function fail(message: string, details: Record<string, unknown>): never {
  const lines = Object.entries(details).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)?.slice(0, 1500)}`);
  throw new Error(`${message}\n${lines.join('\n')}`);
}

const TALLY = new Map<string, { changed: number; same: number }>();
afterAll(() => {
  if (process.env.FUZZ_DEBUG) console.log([...TALLY].map(([v, n]) => `${v}: ${n.changed} changed, ${n.same} unchanged`).join('\n'));
});

async function runSays(table: FuzzTable, state: TableState, says: Say[], h: Harness): Promise<void> {
  await restore(h, table.key, state);
  const inputs: string[] = [];
  for (const [i, say] of says.entries()) {
    await runSay(table, state, say, inputs, h).catch((err: Error) => {
      err.message = `message ${i + 1} of ${says.length}: ${err.message}`;
      throw err;
    });
  }
}

async function runSay(table: FuzzTable, fixture: TableState, say: Say, inputs: string[], h: Harness): Promise<void> {
  const activity = activityOf(table, say);
  const wire = JSON.parse(JSON.stringify(activity));
  const o = await observe(h, table.key, activity);
  const lang = languageOf(say.locale);

  // 1. The HTTP answer, and an answer in the chat.
  if (o.status !== 200) fail(`HTTP ${o.status} for a chat message`, { body: o.body });
  const { actor, text, kind, command, expected, outcome } = expectation(wire, o.before);
  const posts = o.sent.filter((c) => c.method === 'POST');
  for (const p of posts) {
    const shown = `${cardText(cardOfCall(p))}\n${String(p.body?.text ?? '')}`;
    if (shown.includes(t(lang, 'error.unexpectedCommand')) || shown.includes(t(lang, 'error.storeUnavailableCommand')))
      fail('the turn failed inside the bot (the "went wrong on our side" notice)', { text, kind });
  }
  if (text && o.sent.length === 0) fail('a message with command text got no answer at all', { text, kind });

  // 2. The stored table.
  const norm = <T>(x: T) => normalise(x, o.t0, o.t1);
  if (JSON.stringify(norm(o.after)) !== JSON.stringify(norm(expected))) {
    fail('the stored table is not what decide makes of this text', {
      text: text.slice(0, 200),
      parsedAs: command ?? kind,
      actor: actor.id,
      changed: changedPaths(norm(o.before), norm(o.after))
        .slice(0, 12)
        .map((p) => p.join('.')),
      expectedChanged: changedPaths(norm(o.before), norm(expected))
        .slice(0, 12)
        .map((p) => p.join('.')),
    });
  }
  const changed = JSON.stringify(o.after) !== JSON.stringify(o.before);
  if (changed && o.before && o.after && !(outcome.type === 'start')) {
    const outside = outsideFrame(norm(o.before), norm(o.after), chatFrame(outcome, o.before, actor));
    if (outside.length) fail(`"${kind}" changed what it may not`, { text: text.slice(0, 200), outside });
  }
  if (process.env.FUZZ_DEBUG === '2') console.log(JSON.stringify(say.text.slice(0, 80)), '=>', JSON.stringify(text.slice(0, 60)), kind);
  const entry = TALLY.get(kind) ?? { changed: 0, same: 0 };
  if (changed) entry.changed++;
  else entry.same++;
  TALLY.set(kind, entry);

  // 3. What the bot posted: this message's input, and that of earlier messages of the run.
  inputs.push(say.text, text, ...text.split(/\s+/));
  const args = (command?.args ?? {}) as { text?: string; name?: string; title?: string };
  for (const typed of [args.text, args.name, args.title]) if (typed) inputs.push(typed);
  const known = `${BOT_OWN_TEXT}\n${table.setupOutput}\n${JSON.stringify(fixture)}\n${[...[LEIDER, ANNA, BRAM, CEES, OUTSIDER].flatMap((u) => [u.name, u.id, u.aadObjectId]), BOT.name, 'Iemand Anders'].join('\n')}`;
  const probes = probesOf([...inputs, ...inputs.map((s) => s.toUpperCase())], known);
  const templateTyped = inputs.some((s) => s.includes('${')) || JSON.stringify(fixture).includes('${');
  const violations = checkSent(o.sent, probes, templateTyped);
  if (violations.length) fail(violationTitle(violations), { text: text.slice(0, 200), violations: `\n${describeViolations(violations)}` });
  if (process.env.FUZZ_DEBUG) {
    const found = probes.filter((p) => stringsOf(o.sent.map((s) => s.body)).some((s) => s.includes(p)));
    const e = TALLY.get('(input shown back)') ?? { changed: 0, same: 0 };
    if (found.length) e.changed++;
    else e.same++;
    TALLY.set('(input shown back)', e);
  }
}

/** Hand-picked messages, run at every phase on every seed. */
const EXAMPLES: Array<[string, Say]> = [
  [
    'a guest name with markup',
    { actor: LEIDER, botMention: 'start', mentions: [], text: 'gast **Vet** [qzzlink](https://evil.example) ${title}', locale: 'nl-NL' },
  ],
  [
    'a conclusion with an @mention tag and entities',
    {
      actor: LEIDER,
      botMention: 'start',
      mentions: [],
      text: 'conclusie &lt;at&gt;qzzconcl&lt;/at&gt; <at>Anna</at> &amp;amp; # kop',
      locale: 'nl-NL',
    },
  ],
  ['a note by a participant', { actor: ANNA, botMention: 'start', mentions: [], text: 'notitie qzznote _schuin_', locale: 'nl-NL' }],
  [
    'start with a title at a running table',
    { actor: LEIDER, botMention: 'start', mentions: [], text: 'start **qzztitle** ${x}', locale: 'nl-NL' },
  ],
  ['volgende from a participant', { actor: ANNA, botMention: 'start', mentions: [], text: 'volgende', locale: 'nl-NL' }],
  [
    'volgende from the co-leider, mention at the end',
    { actor: CEES, botMention: 'end', mentions: [], text: 'VOLGENDE\u200b fase', locale: 'nl-NL' },
  ],
  ['ronde 3 with a right-to-left mark', { actor: LEIDER, botMention: 'start', mentions: [], text: 'ronde \u200f3', locale: 'nl-NL' }],
  ['ronde with an Arabic-Indic digit', { actor: LEIDER, botMention: 'start', mentions: [], text: 'ronde ٣', locale: 'nl-NL' }],
  [
    'leider hands over to someone outside the table',
    { actor: LEIDER, botMention: 'start', mentions: [OUTSIDER], text: 'gespreksleider', locale: 'nl-NL' },
  ],
  ['a participant makes herself co-leider', { actor: ANNA, botMention: 'start', mentions: [ANNA], text: 'coleider', locale: 'nl-NL' }],
  ['timer 0 and timer 121', { actor: LEIDER, botMention: 'start', mentions: [], text: 'timer 121', locale: 'nl-NL' }],
  ['timer 5', { actor: LEIDER, botMention: 'start', mentions: [], text: 'timer 5', locale: 'en-US' }],
  ['sluit from the co-leider', { actor: CEES, botMention: 'start', mentions: [], text: 'sluit', locale: 'nl-NL' }],
  [
    'samenvatting after a conclusion with markup',
    { actor: LEIDER, botMention: 'start', mentions: [], text: 'samenvatting', locale: 'nl-NL' },
  ],
  ['stop from an outsider', { actor: OUTSIDER, botMention: 'none', mentions: [], text: 'stop', locale: 'nl-NL' }],
  ['only the bot mention', { actor: ANNA, botMention: 'start', mentions: [], text: '', locale: 'nl-NL' }],
  ['a very long line', { actor: LEIDER, botMention: 'start', mentions: [], text: `conclusie ${'qzzlong '.repeat(3000)}`, locale: 'nl-NL' }],
  ['koppel with a made-up code', { actor: LEIDER, botMention: 'start', mentions: [], text: 'koppel **qzzcode**', locale: 'nl-NL' }],
  [
    'start with a code-like first word',
    { actor: LEIDER, botMention: 'start', mentions: [], text: 'start KX7-M4P qzzcodetitle', locale: 'nl-NL' },
  ],
];

describe(`chat command fuzz over HTTP (memory store, seed ${SEED})`, () => {
  const bot = useBot({});
  let table: FuzzTable;
  const numRuns = runs(30);

  // The table is played through every phase over HTTP first: on a loaded machine well over 30 s.
  beforeAll(async () => {
    table = await buildFuzzTable(bot.h);
  }, 180_000);

  it.each(FIXTURES.map((f) => [f]))('%s: hand-picked messages', async (fixture: FixtureName) => {
    const state = table.snapshots[fixture];
    const failures: string[] = [];
    for (const [name, say] of EXAMPLES) {
      // The summary example follows a conclusion with markup, so that it has something to escape.
      const says = name.startsWith('samenvatting') ? [EXAMPLES[1]![1], say] : [say];
      await runSays(table, state, says, bot.h).catch((err: Error) =>
        failures.push(`${name}: ${err.message}\n  says: ${JSON.stringify(says).slice(0, 600)}`),
      );
    }
    if (failures.length) throw new Error(`${failures.length} hand-picked messages failed at ${fixture}:\n\n${failures.join('\n\n')}`);
  });

  // Each phase gets its own seed (SEED + its index), so that the phases do not all see the same texts.
  it.each(FIXTURES.map((f, i) => [f, SEED + i] as const))(
    `%s: any text from anyone: 200, an answer, only what the command may change, input only in TextRuns (${numRuns} runs, seed %d)`,
    async (fixture: FixtureName, seed: number) => {
      const state = table.snapshots[fixture];
      const property = fc.asyncProperty(fc.array(sayArb, { minLength: 1, maxLength: 3 }), (says) => runSays(table, state, says, bot.h));
      await assertProperty(property, seed, numRuns, `FUZZ_SEED=${SEED} npx jest test/fuzz/chat-commands.test.ts -t '${fixture}: any'`);
    },
    60_000,
  );
});
