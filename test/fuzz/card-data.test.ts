/**
 * Fuzzing the data of card buttons (Universal Actions `adaptiveCard/action` invokes) over HTTP,
 * through the real server, at a table in each phase: arbitrary JSON, and near misses of every verb
 * (wrong types, numbers as strings, huge strings, nested objects, `__proto__` keys, unknown verbs,
 * a `for` that names a member instead of a guest, user ids in the data), from participants, leiders,
 * someone outside the table and a look-alike.
 *
 * For every case:
 * - the HTTP answer is 200 with an Adaptive Card (Teams shows nothing useful for anything else), or
 *   413 for a body over the server's 256 KB limit; never a 5xx, and never the "something went wrong
 *   on our side" card, which is how a crash inside a turn shows;
 * - the stored table is what `decide` makes of the one command the button stands for, timestamps
 *   aside (a refused or unreadable action leaves it exactly as it was; "Deze actie kon ik niet
 *   lezen" means nothing changed), and a change touches only what the verb may touch and only the
 *   actor's own entry (or a guest's, for a leider);
 * - every input string of 6+ characters that shows up in the answer or in a card sent to the chat
 *   sits in a TextRun, an input's value or a choice's title (see output-check.ts).
 */
import fc from 'fast-check';
import { AGREEMENTS, ZONES, isLeader, type TableState } from '../../src/domain';
import { languageOf, t } from '../../src/i18n';
import { actorOf } from '../../src/teams/routing/activity-identity';
import { commandOf, dataFields, parseCardAction, VERBS as REGISTRY } from '../../src/teams/routing/verbs';
import type { Harness } from '../support/bot-under-test';
import { cardText } from '../support/cards';
import { REDIS_URL, uniqueRedisPrefix, useBot } from '../support/e2e-table';
import { cardAction, user, type TeamsUser } from '../support/teams-activity';
import { anyTextArb, dangerousKeys, markedTextArb, numberishArb, objectOf, wrongTypeArb } from './arbitraries';
import { assertProperty, fuzzSeed, runs } from './fuzz-run';
import {
  ACTORS,
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
import { BOT_OWN_TEXT, checkCard, checkSent, describeViolations, probesOf, stringsOf, violationTitle } from './output-check';
import {
  SESSION_VERBS,
  cardActionOf,
  changedPaths,
  safely,
  cardActionFrame,
  eraseOfTable,
  expectedAfter,
  normalise,
  outsideFrame,
} from './oracle';

const SEED = fuzzSeed(0x5b0c4d);
const MAX_BODY = 256 * 1024;

/** Anna seen without her Entra id (only the channel id matches), and a stranger who took her name. */
const ANNA_CHANNEL_ONLY: TeamsUser = { id: ANNA.id, aadObjectId: '', name: 'Anna (mobiel)' };
const LOOKALIKE: TeamsUser = { ...user(398), name: ANNA.name };
const CARD_ACTORS: readonly TeamsUser[] = [...ACTORS, ANNA_CHANNEL_ONLY, LOOKALIKE];

const VERBS: string[] = REGISTRY.map((spec) => spec.verb);
const FIELDS: Record<string, string[]> = Object.fromEntries(REGISTRY.map((spec) => [spec.verb, dataFields(spec)]));

interface CardCase {
  actor: TeamsUser;
  locale: string;
  value: unknown;
}

/**
 * Values a real card could carry for each field at this table (mostly), and a few that look right but
 * are not (now and then): the first make presses succeed, so that accepted changes are checked too.
 */
function plausible(field: string, table: FuzzTable, state: TableState): fc.Arbitrary<unknown> {
  const ingredients = state.deck.ingredients.map((c) => c.id);
  const intentions = state.deck.intentions.map((c) => c.id);
  const usually = (good: fc.Arbitrary<unknown>, edge: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: edge });
  const someIngredients = usually(
    fc.constantFrom(...ingredients.slice(0, 6), ingredients[ingredients.length - 1]!),
    fc.constantFrom('own-i1', 'onbekende-kaart', intentions[0]!),
  );
  const someIntentions = usually(fc.constantFrom(...intentions.slice(0, 4)), fc.constantFrom('own-b1', ingredients[0]!));
  const ids = [
    ANNA.aadObjectId,
    ANNA.id,
    BRAM.aadObjectId,
    CEES.aadObjectId,
    LEIDER.aadObjectId,
    LEIDER.id,
    OUTSIDER.aadObjectId,
    'guest-99',
    ...dangerousKeys.slice(0, 2),
  ];
  const round = state.pickRounds.length || 1;
  const poll = state.round2.polls.length || 1;
  switch (field) {
    case 'round':
      return usually(fc.constant(round), fc.constantFrom(String(round), round + 1, 7));
    case 'poll':
      return usually(fc.constant(poll), fc.constantFrom(String(poll), poll + 1, 7));
    case 'for':
      return usually(fc.constantFrom(undefined, '', table.guestId), fc.constantFrom(...ids));
    case 'inCard':
    case 'outCard':
    case 'doubtCard':
    case 'card':
      return someIngredients;
    case 'zone':
      return usually(fc.constantFrom(...ZONES), fc.constantFrom('Personal', 'sociale basis', ''));
    case 'agreement':
      return usually(fc.constantFrom(...AGREEMENTS), fc.constantFrom('eens', 'Agree'));
    case 'kind':
      return fc.constantFrom('ingredient', 'intention');
    case 'sticker1':
    case 'sticker2':
    case 'sticker3':
      return someIntentions;
    case 'mainIntention':
      return fc.oneof(someIntentions, fc.constant('none'));
    case 'consent':
      return fc.constantFrom(true, false, 'true', 'false');
    case 'guestConsent':
      return fc.constantFrom(undefined, undefined, true, false, 'true', 'false');
    case 'counts':
      // Usually absent: the form sends three choices; another client may send counts.
      return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: countsArb(someIntentions) });
    case 'scope':
      return fc.constantFrom('table', 'session', 'Table');
    case 'createdAt':
      return fc.constantFrom(state.createdAt, String(state.createdAt), state.createdAt + 1, 0);
    case 'code':
      return fc.constantFrom('KX7-M4P', 'kx7m4p', '', 'ABC-DEF');
    case 'by':
      return fc.constantFrom('', 'x'.repeat(16));
    case 'language':
      return fc.constantFrom('nl', 'en', 'EN', 'de', '');
    default:
      // Free text: arguments, answers, titles; now and then over a limit.
      return fc.oneof(
        { weight: 6, arbitrary: markedTextArb },
        { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }) },
        { weight: 1, arbitrary: anyTextArb },
      );
  }
}

/** The buttons a table in each phase shows; the fuzz presses these more often than the others. */
const RELEVANT: Partial<Record<TableState['phase'], string[]>> = {
  setup: [
    'join',
    'consent.set',
    'welcome.view',
    'intro.open',
    'intro.submit',
    'erase.confirm',
    'leader.consent',
    'leader.consent.open',
    'table.language',
  ],
  round1: ['picks.open', 'picks.submit', 'picks.info', 'owncard.open', 'owncard.add', 'join', 'consent.set'],
  round2: ['poll.open', 'poll.vote', 'poll.vote.open', 'poll.close', 'board.place', 'board.place.open', 'owncard.add', 'picks.submit'],
  round3: ['stickers.open', 'stickers.submit', 'owncard.add', 'discussion.open', 'discussion.save'],
  closing: ['closing.open', 'closing.submit', 'discussion.save', 'intro.submit'],
};

function countsArb(someIntentions: fc.Arbitrary<unknown>): fc.Arbitrary<Record<string, unknown>> {
  const key = fc.oneof(
    { weight: 4, arbitrary: someIntentions.map(String) },
    { weight: 1, arbitrary: fc.constantFrom(...dangerousKeys) },
    { weight: 1, arbitrary: markedTextArb },
  );
  const count = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: numberishArb });
  return fc.array(fc.tuple(key, count), { maxLength: 4 }).map((entries) => objectOf(entries));
}

/** `valid`: what a real card could send; `wild`: now and then a value of the wrong type. */
type Mode = 'valid' | 'wild';

function fieldArb(field: string, table: FuzzTable, state: TableState, mode: Mode): fc.Arbitrary<unknown> {
  if (mode === 'valid') return plausible(field, table, state);
  return fc.oneof(
    { weight: 5, arbitrary: plausible(field, table, state) },
    { weight: 1, arbitrary: wrongTypeArb },
    { weight: 1, arbitrary: anyTextArb },
  );
}

/** Fields that are no part of any schema, claiming an identity or a verb, or poking at prototypes. */
function extrasArb(table: FuzzTable): fc.Arbitrary<Array<[string, unknown]>> {
  const key = fc.constantFrom(
    ...dangerousKeys,
    'userId',
    'from',
    'actor',
    'onBehalfOf',
    'enteredBy',
    'participantId',
    'lead',
    'verb',
    'type',
    'id',
    'phase',
  );
  const value = fc.oneof(
    fc.constantFrom(ANNA.aadObjectId, LEIDER.aadObjectId, LEIDER.id, table.guestId, 'picks.submit', 'ended'),
    fc.jsonValue({ maxDepth: 2 }),
    objectArb(),
  );
  return fc.array(fc.tuple(key, value), { maxLength: 3 });
}

function objectArb(): fc.Arbitrary<unknown> {
  return fc
    .array(fc.tuple(fc.constantFrom(...dangerousKeys, 'round', 'inCard', 'for'), fc.jsonValue({ maxDepth: 1 })), { maxLength: 3 })
    .map(objectOf);
}

/** The data of one verb: all its fields or a subset, plus extras that no schema knows. */
function dataArb(verb: string, table: FuzzTable, state: TableState, mode: Mode): fc.Arbitrary<Record<string, unknown>> {
  const fields = FIELDS[verb] ?? [];
  const chosen = fc.oneof({ weight: 2, arbitrary: fc.constant(fields) }, { weight: 1, arbitrary: fc.subarray(fields) });
  const own = chosen.chain((names) =>
    fc.tuple(...names.map((f) => fieldArb(f, table, state, mode).map((v) => [f, v] as [string, unknown]))),
  );
  return fc.tuple(own, extrasArb(table)).map(([a, b]) => objectOf([...a, ...b]));
}

const verbLikeArb = fc.oneof(
  fc.constantFrom(
    'JOIN',
    ' join',
    'join ',
    'picks.submit.',
    'picks',
    'picks.Submit',
    'board.place\u200b',
    'constructor',
    '__proto__',
    'toString',
    'Action.Execute',
    '',
  ),
  fc.string({ maxLength: 12 }),
  fc.constant('v'.repeat(101)),
);

/** The invoke's `value`: well formed, a near miss of the envelope, or anything at all. */
function valueArb(table: FuzzTable, state: TableState): fc.Arbitrary<unknown> {
  const allVerbs = [...VERBS, ...SESSION_VERBS];
  const trigger = fc.constantFrom(undefined, 'manual', 'automatic', 7);
  const relevant = RELEVANT[state.phase] ?? [];
  const verbArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...relevant) }, { weight: 2, arbitrary: fc.constantFrom(...allVerbs) });
  const wellFormed = (mode: Mode) =>
    verbArb
      .chain((verb) => fc.tuple(fc.constant(verb), dataArb(verb, table, state, mode), trigger))
      .map(([verb, data, trig]) => ({ action: { type: 'Action.Execute', verb, data }, ...(trig !== undefined ? { trigger: trig } : {}) }));
  const otherVerb = fc
    .tuple(fc.oneof(verbLikeArb, markedTextArb), fc.constantFrom(...allVerbs))
    .chain(([verb, like]) => dataArb(like, table, state, 'valid').map((data) => ({ action: { type: 'Action.Execute', verb, data } })));
  const badEnvelope = fc.oneof(
    fc
      .tuple(fc.constantFrom('Action.Submit', 'action.execute', 'Action.OpenUrl', 'Action.Execute ', 7, null), fc.constantFrom(...allVerbs))
      .map(([type, verb]) => ({ action: { type, verb, data: {} } })),
    fc
      .tuple(fc.constantFrom(...allVerbs), fc.oneof(wrongTypeArb, fc.jsonValue({ maxDepth: 2 })))
      .map(([verb, data]) => ({ action: { type: 'Action.Execute', verb, data } })),
    fc
      .tuple(fc.constantFrom(...allVerbs), fc.oneof(wrongTypeArb, numberishArb))
      .map(([verb, x]) => ({ action: { type: 'Action.Execute', verb: x, data: { verb } } })),
    fc.oneof(fc.jsonValue({ maxDepth: 2 }), wrongTypeArb).map((action) => ({ action })),
    fc.constantFrom(...allVerbs).map((verb) => ({ verb, data: {} })),
    fc.constantFrom(...allVerbs).map((verb) => objectOf([['__proto__', { action: { type: 'Action.Execute', verb, data: {} } }]])),
  );
  return fc.oneof(
    { weight: 6, arbitrary: formArb(table, state) },
    { weight: 8, arbitrary: wellFormed('valid') },
    { weight: 4, arbitrary: wellFormed('wild') },
    { weight: 1, arbitrary: otherVerb },
    { weight: 2, arbitrary: badEnvelope },
    { weight: 2, arbitrary: fc.jsonValue() },
  );
}

/** Exactly what a form of this phase sends when filled in properly (free text marked), for any actor. */
function formArb(table: FuzzTable, state: TableState): fc.Arbitrary<unknown> {
  const ingredients = state.deck.ingredients.map((c) => c.id).slice(0, 10);
  const intentions = state.deck.intentions.map((c) => c.id).slice(0, 5);
  const forArb = fc.constantFrom(undefined, undefined, table.guestId);
  const text = markedTextArb;
  const round = state.pickRounds.length || 1;
  const poll = state.round2.polls.length || 1;
  const forms: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
    join: fc.constant({}),
    'consent.set': fc.record({ consent: fc.boolean() }),
    // Without `person`, as another client might send it: the presser's own answer.
    'leader.consent': fc.record({ consent: fc.boolean() }),
    'intro.submit': fc.record({ role: text, involvement: text }),
    'picks.submit': fc
      .tuple(fc.shuffledSubarray(ingredients, { minLength: 3, maxLength: 3 }), text, text, text, forArb)
      .map(([[a, b, c], x, y, z, f]) => ({
        round,
        inCard: a,
        inArgument: x,
        outCard: b,
        outArgument: y,
        doubtCard: c,
        doubtArgument: z,
        ...(f ? { for: f } : {}),
      })),
    'owncard.add': fc.record({ kind: fc.constantFrom('ingredient', 'intention'), title: text, description: text }),
    'board.place': fc.record({
      card: fc.constantFrom(...ingredients),
      zone: fc.constantFrom(...ZONES),
      agreement: fc.constantFrom(...AGREEMENTS),
      purpose: text,
      trait: text,
    }),
    'poll.open': fc.record({ card: fc.constantFrom(...ingredients) }),
    'poll.vote': fc.tuple(fc.constantFrom(...ZONES), forArb).map(([zone, f]) => ({ poll, zone, ...(f ? { for: f } : {}) })),
    'poll.close': fc.constant({ poll }),
    'stickers.submit': fc
      .tuple(fc.constantFrom(...intentions, ''), fc.constantFrom(...intentions, ''), fc.constantFrom(...intentions, ''), forArb)
      .map(([a, b, c, f]) => ({ sticker1: a, sticker2: b, sticker3: c, ...(f ? { for: f } : {}) })),
    'discussion.save': fc
      .tuple(fc.constantFrom(...intentions, 'none'), text, text, text, fc.array(text, { maxLength: 3 }))
      .map(([m, a, d, p, goals]) => ({
        mainIntention: m,
        agreements: a,
        disagreements: d,
        policyRelation: p,
        policyGoals: goals.join('\n'),
      })),
    'closing.submit': fc.tuple(text, text, forArb).map(([l, a, f]) => ({ learned: l, action: a, ...(f ? { for: f } : {}) })),
  };
  const verbs = (RELEVANT[state.phase] ?? []).filter((v) => v in forms);
  return fc.constantFrom(...verbs).chain((verb) => forms[verb]!.map((data) => ({ action: { type: 'Action.Execute', verb, data } })));
}

function stepArb(table: FuzzTable, state: TableState): fc.Arbitrary<CardCase> {
  return fc.record({
    actor: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(LEIDER, ANNA) }, { weight: 3, arbitrary: fc.constantFrom(...CARD_ACTORS) }),
    locale: fc.constantFrom('nl-NL', 'nl-NL', 'en-US'),
    value: valueArb(table, state),
  });
}

/** One to three button presses in a row, from the fixture's table: later ones see what earlier ones did. */
function stepsArb(table: FuzzTable, state: TableState): fc.Arbitrary<CardCase[]> {
  return fc.array(stepArb(table, state), { minLength: 1, maxLength: 3 });
}

/** Hand-picked near misses, run at every phase on every seed, each named for the report. */
function examples(table: FuzzTable, state: TableState): Array<[string, CardCase]> {
  const ing = state.deck.ingredients.map((c) => c.id);
  const act = (verb: string, data: unknown) => ({ action: { type: 'Action.Execute', verb, data } });
  const pick = (extra: Record<string, unknown>) =>
    act('picks.submit', {
      round: 1,
      inCard: ing[0],
      inArgument: '**vet** ${title} [x](https://evil.example/qzzpick)',
      outCard: ing[1],
      outArgument: 'Anders qzzout',
      doubtCard: ing[2],
      doubtArgument: '<at>qzzdoubt</at>',
      ...extra,
    });
  const c = (actor: TeamsUser, value: unknown, locale = 'nl-NL'): CardCase => ({ actor, locale, value });
  // Cases whose outcome does not depend on the phase run at one phase only, so a failure is reported once.
  const onlyAt = (phase: TableState['phase'], name: string, x: CardCase): Array<[string, CardCase]> =>
    state.phase === phase ? [[name, x]] : [];
  return [
    ['leider closes a poll that does not exist', c(LEIDER, act('poll.close', { poll: 7 }))],
    ['leider closes poll 2 while poll 1 is open', c(LEIDER, act('poll.close', { poll: 2 }))],
    ['own picks with markup', c(ANNA, pick({}))],
    ['picks with the round as a string, for a member', c(BRAM, pick({ round: '1', for: ANNA.aadObjectId }))],
    ['picks with the round as an array', c(ANNA, pick({ round: [1] }))],
    ['leider enters picks for the guest', c(LEIDER, pick({ for: table.guestId }))],
    ['leider enters picks for a member', c(LEIDER, pick({ for: ANNA.aadObjectId }))],
    ['leider enters picks and consent for the guest', c(LEIDER, pick({ for: table.guestId, guestConsent: 'true' }))],
    ['a participant sends the guest’s consent', c(ANNA, pick({ for: table.guestId, guestConsent: true }))],
    ['a participant sends a consent with her own picks', c(ANNA, pick({ guestConsent: 'true' }))],
    ['a participant asks for the guest’s form', c(ANNA, act('guest.open', { for: table.guestId }))],
    [
      'an outsider claims to be Anna in the data',
      c(OUTSIDER, pick({ userId: ANNA.aadObjectId, from: { id: ANNA.id, aadObjectId: ANNA.aadObjectId } })),
    ],
    ...onlyAt(
      'round1',
      'a round that cannot become a number',
      c(ANNA, JSON.parse('{"action":{"type":"Action.Execute","verb":"picks.open","data":{"round":{"valueOf":1,"toString":1}}}}')),
    ),
    ...onlyAt(
      'round1',
      'an erase date that cannot become a number',
      c(
        ANNA,
        JSON.parse('{"action":{"type":"Action.Execute","verb":"erase.confirm","data":{"scope":"table","createdAt":{"toString":null}}}}'),
      ),
    ),
    [
      'picks with __proto__ and constructor keys',
      c(
        ANNA,
        JSON.parse(
          `{"action":{"type":"Action.Execute","verb":"picks.submit","data":{"__proto__":{"round":1,"inCard":"${ing[0]}"},"constructor":{"prototype":{"x":1}},"round":1}}}`,
        ),
      ),
    ],
    [
      'own intention with markup',
      c(
        ANNA,
        act('owncard.add', { kind: 'intention', title: '**qzzown** [a](https://evil.example)', description: '${description} qzzdesc' }),
      ),
    ],
    ['own ingredient with a binding', c(ANNA, act('owncard.add', { kind: 'ingredient', title: '<b>qzzingr</b> ${title}' }))],
    [
      'placement with markup',
      c(
        LEIDER,
        act('board.place', { card: ing[3], zone: 'outside', agreement: 'agree', purpose: '# qzzpurpose', trait: '${trait} qzztrait' }),
      ),
    ],
    [
      'stickers counted under __proto__ and constructor',
      c(
        ANNA,
        JSON.parse('{"action":{"type":"Action.Execute","verb":"stickers.submit","data":{"counts":{"__proto__":3,"constructor":1}}}}'),
      ),
    ],
    ['stickers counted as strings', c(ANNA, act('stickers.submit', { counts: { [state.deck.intentions[0]!.id]: '3' } }))],
    ['a 25 000 character answer', c(ANNA, act('closing.submit', { learned: 'x'.repeat(25_000), action: '[qzzact](javascript:alert(1))' }))],
    ['erase with a stale table date', c(LEIDER, act('erase.confirm', { scope: 'table', createdAt: state.createdAt + 1 }))],
    ['erase by a participant', c(ANNA, act('erase.confirm', { scope: 'table' }))],
    ['a body over 256 KB', c(ANNA, act('intro.submit', { role: 'a'.repeat(300_000) }))],
    ['an unknown verb', c(ANNA, act('picks.delete', { round: 1 }))],
    ['no data at all', c(ANNA, { action: { type: 'Action.Execute', verb: 'picks.submit' } })],
    ['data that is an array', c(ANNA, act('join', [1, 2]))],
    ['an Action.Submit', c(ANNA, { action: { type: 'Action.Submit', verb: 'join' } })],
    ['value null', c(ANNA, null)],
    ['the verb in the data, not the action', c(LEIDER, { action: { type: 'Action.Execute', data: { verb: 'poll.close', poll: 1 } } })],
    [
      'English locale, markup in the intro',
      c(BRAM, act('intro.submit', { role: '*qzzrole*', involvement: '<script>qzzinv</script>' }), 'en-US'),
    ],
  ];
}

/** What the stored table must be afterwards, and what a change may touch. */
function expectation(value: unknown, before: TableState | undefined, activity: object) {
  const actor = actorOf(activity as never);
  // After an erase earlier in the run there is no table: no button makes one.
  if (!before) return { actor, expected: undefined, frame: undefined, parsed: undefined };
  const erase = eraseOfTable(value, before, actor);
  if (erase !== undefined) return { actor, expected: erase ? undefined : before, frame: undefined, parsed: undefined };
  const verb = (value as { action?: { verb?: unknown } } | null)?.action?.verb;
  if (typeof verb === 'string' && (SESSION_VERBS as readonly string[]).includes(verb))
    return { actor, expected: before, frame: undefined, parsed: undefined };
  // A parse that throws is a crash in the bot; the check on the answer reports it.
  const parsed = safely(() => parseCardAction(value)) ?? { ok: false as const };
  if (!parsed.ok) return { actor, expected: before, frame: undefined, parsed };
  const frame = cardActionFrame(cardActionOf(parsed), before, actor);
  return { actor, expected: expectedAfter(before, actor, commandOf(parsed, actor)), frame, parsed };
}

function fail(message: string, details: Record<string, unknown>): never {
  const lines = Object.entries(details).map(([k, v]) => `  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)?.slice(0, 1500)}`);
  throw new Error(`${message}\n${lines.join('\n')}`);
}

async function runSteps(table: FuzzTable, state: TableState, steps: CardCase[], h: Harness): Promise<void> {
  await restore(h, table.key, state);
  const inputs: string[] = [];
  for (const [i, step] of steps.entries()) {
    await runStep(table, state, step, inputs, h).catch((err: Error) => {
      err.message = `step ${i + 1} of ${steps.length}: ${err.message}`;
      throw err;
    });
  }
}

/** One button press; `inputs` collects the strings of this and earlier presses of the run. */
async function runStep(table: FuzzTable, fixture: TableState, c: CardCase, inputs: string[], h: Harness): Promise<void> {
  const base = cardAction(table.t.connector.url, table.t.chat, c.actor, 'x', {}, { locale: c.locale });
  const activity = { ...base, value: c.value };
  const size = Buffer.byteLength(JSON.stringify(activity));
  const o = await observe(h, table.key, activity);
  const before = o.before;
  const lang = languageOf(c.locale);

  // 1. The HTTP answer.
  if (size > MAX_BODY) {
    if (o.status !== 413) fail(`a ${size}-byte body was answered ${o.status}, expected 413`, { body: o.body });
    if (JSON.stringify(o.after) !== JSON.stringify(before)) fail('a refused (413) body changed the table', {});
    return;
  }
  if (o.status !== 200) fail(`HTTP ${o.status} for an adaptiveCard/action invoke`, { body: o.body });
  if (o.body?.type === 'application/vnd.microsoft.error')
    fail('the turn failed inside the bot (the Universal Actions error answer)', { body: o.body });
  const card = o.body?.value;
  if (o.body?.statusCode !== 200 || o.body?.type !== 'application/vnd.microsoft.card.adaptive' || card?.type !== 'AdaptiveCard')
    fail('the invoke answer is not a card', { body: o.body });
  const answerText = cardText(card);
  if (answerText.includes(t(lang, 'error.unexpected')) || answerText.includes(t(lang, 'error.storeUnavailable')))
    fail('the turn failed inside the bot (the "went wrong on our side" card)', { answer: answerText });

  // 2. The stored table.
  // The oracle reads what the bot reads: the value as it came over the wire.
  const wire = JSON.parse(JSON.stringify(activity)) as { value?: unknown };
  const { actor, expected, frame, parsed } = expectation(wire.value, before, wire);
  const after = o.after;
  const norm = <T>(x: T) => normalise(x, o.t0, o.t1);
  const same = JSON.stringify(norm(after)) === JSON.stringify(norm(expected));
  if (!same) {
    fail('the stored table is not what decide makes of this action', {
      verb: parsed?.ok ? parsed.spec.verb : '(unparsed)',
      actor: actor.id,
      leader: before ? isLeader(before, actor) : undefined,
      answer: answerText.slice(0, 300),
      changed: changedSummary(norm(before), norm(after)),
      expectedChanged: changedSummary(norm(before), norm(expected)),
    });
  }
  const unreadable = answerText.includes(t(lang, 'error.badCardData')) || answerText.includes(t(lang, 'error.badCardDataHere'));
  if (unreadable && JSON.stringify(after) !== JSON.stringify(before)) {
    fail('the answer says the action could not be read, yet the table changed', { changed: changedSummary(before, after) });
  }
  if (before && after && frame && JSON.stringify(after) !== JSON.stringify(before)) {
    const outside = outsideFrame(norm(before), norm(after), frame);
    const pollNamed = parsed?.ok && parsed.spec.verb === 'poll.close' ? (parsed.data as { poll?: number }).poll : undefined;
    const closed = before.round2.polls.find((p) => p.closedAt === undefined);
    if (pollNamed !== undefined && closed && closed.number !== pollNamed)
      outside.push(`round2.polls[number ${closed.number}].closedAt (the button names poll ${pollNamed})`);
    if (outside.length) fail(`a ${parsed?.ok ? parsed.spec.verb : '?'} changed what it may not`, { outside, frame });
  }
  if (after === undefined && expected !== undefined) fail('the table was deleted', {});
  tally(parsed?.ok ? parsed.spec.verb : parsed ? '(unreadable)' : '(session button)', JSON.stringify(after) !== JSON.stringify(before));

  // 3. What the bot showed and sent.
  inputs.push(...stringsOf(wire.value));
  const people = CARD_ACTORS.flatMap((u) => [u.name, u.id, u.aadObjectId]).join('\n');
  const known = `${BOT_OWN_TEXT}\n${table.setupOutput}\n${JSON.stringify(fixture)}\n${people}`;
  const probes = probesOf(inputs, known);
  const templateTyped = inputs.some((s) => s.includes('${')) || JSON.stringify(fixture).includes('${');
  const violations = [...checkCard(card, probes, templateTyped, 'invoke answer'), ...checkSent(o.sent, probes, templateTyped)];
  if (violations.length) fail(violationTitle(violations), { violations: `\n${describeViolations(violations)}` });
  if (process.env.FUZZ_DEBUG) {
    const shown = [card, ...o.sent.map((s) => s.body)];
    const found = probes.filter((p) => stringsOf(shown).some((s) => s.includes(p)));
    tally('(input shown back in a card)', found.length > 0);
  }
}

/** With FUZZ_DEBUG set: how many cases of each verb changed the table, printed after the file. */
const TALLY = new Map<string, { changed: number; same: number }>();
function tally(verb: string, changed: boolean): void {
  const entry = TALLY.get(verb) ?? { changed: 0, same: 0 };
  if (changed) entry.changed++;
  else entry.same++;
  TALLY.set(verb, entry);
}
afterAll(() => {
  if (process.env.FUZZ_DEBUG) console.log([...TALLY].map(([v, n]) => `${v}: ${n.changed} changed, ${n.same} unchanged`).join('\n'));
});

function changedSummary(a: unknown, b: unknown): string[] {
  return changedPaths(a, b)
    .slice(0, 12)
    .map((p) => p.join('.'));
}

const VARIANTS: Array<[string, Record<string, string>, readonly FixtureName[], number]> = [
  ['memory', {}, FIXTURES, runs(50)],
  ['redis', { REDIS_URL, REDIS_KEY_PREFIX: uniqueRedisPrefix() }, ['round1', 'round2-poll'], runs(15)],
];

/** Each phase and store gets its own seed, so that they do not all see the same sequence. */
const seedOf = (store: string, fixture: FixtureName) => SEED + FIXTURES.indexOf(fixture) + (store === 'redis' ? 100 : 0);

describe.each(VARIANTS)(`card data fuzz over HTTP (%s store, seed ${SEED})`, (store, env, fixtures, numRuns) => {
  const bot = useBot(env);
  let table: FuzzTable;

  // The table is played through every phase over HTTP first: on a loaded machine well over 30 s.
  beforeAll(async () => {
    table = await buildFuzzTable(bot.h);
  }, 180_000);

  it('an invoke of another kind, or without a name, is answered 501 (as Bot Framework bots do) and changes nothing', async () => {
    const state = table.snapshots[fixtures[0]!];
    for (const name of ['adaptiveCard/actionX', 'composeExtension/query', 'task/fetch', 'signin/verifyState', '', undefined]) {
      await restore(bot.h, table.key, state);
      const { name: _name, ...base } = cardAction(table.t.connector.url, table.t.chat, LEIDER, 'poll.close', { poll: 1 });
      const o = await observe(bot.h, table.key, name === undefined ? base : { ...base, name });
      expect({ name, status: o.status }).toEqual({ name, status: 501 });
      expect(o.after).toEqual(o.before);
      expect(o.sent).toEqual([]);
    }
  }, 60_000);

  it.each(fixtures.map((f) => [f]))(
    '%s: hand-picked near misses',
    async (fixture) => {
      const state = table.snapshots[fixture];
      const failures: string[] = [];
      for (const [name, c] of examples(table, state)) {
        await runSteps(table, state, [c], bot.h).catch((err: Error) =>
          failures.push(`${name}: ${err.message}\n  case: ${JSON.stringify(c).slice(0, 600)}`),
        );
      }
      if (failures.length) throw new Error(`${failures.length} near misses failed at ${fixture}:\n\n${failures.join('\n\n')}`);
      // Some sixty HTTP round trips, each with a restore: on a loaded two-core machine well over 30 s.
    },
    180_000,
  );

  it.each(fixtures.map((f) => [f, seedOf(store, f)] as const))(
    `%s: any card data from anyone: 200 with a card, only what decide allows, input only in TextRuns (${numRuns} runs, seed %d)`,
    async (fixture, seed) => {
      const state = table.snapshots[fixture];
      const property = fc.asyncProperty(stepsArb(table, state), (steps) => runSteps(table, state, steps, bot.h));
      await assertProperty(
        property,
        seed,
        numRuns,
        `FUZZ_SEED=${SEED} npx jest test/fuzz/card-data.test.ts -t '${store} store.*${fixture}: any'`,
      );
    },
    60_000,
  );
});
