/**
 * The registry against everything that names a verb, a data field or a command: the card templates,
 * the views that fill in a verb or an input id, and the rules in `decide` for who may do what.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decide, LIMITS, type Actor, type TableState } from '../../../src/domain';
import { GUEST_CONSENT_INPUT, PICK_INPUTS, STICKER_INPUTS, VERB } from '../../../src/views';
import { COMMANDS } from '../../../src/teams/routing/commands';
import { dataFields, VERBS, verbSpec } from '../../../src/teams/routing/verbs';
import type { Who } from '../../../src/teams/routing/who';
import { ANNA, LEAD, actor, tables } from '../../domain/fixtures';

const CARDS = join(__dirname, '..', '..', '..', 'cards');

type Json = Record<string, any>;

/** Every node of a template below `node`. */
function nodes(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => nodes(n, out));
  else if (node && typeof node === 'object') {
    out.push(node as Json);
    Object.values(node).forEach((n) => nodes(n, out));
  }
  return out;
}

const bound = (value: unknown) => typeof value === 'string' && value.includes('${');

/**
 * What is wrong with one template: a verb the registry does not know, a data field or an input the
 * verbs of that card do not take. Bound verbs and ids (`${...}`) come from views, checked below.
 */
function problemsOf(name: string, template: unknown): string[] {
  const all = nodes(template);
  const actions = all.filter((n) => n.type === 'Action.Execute');
  const problems: string[] = [];
  const fieldsOfCard = new Set<string>();
  for (const action of actions) {
    if (bound(action.verb)) continue;
    const spec = verbSpec(String(action.verb));
    if (!spec) {
      problems.push(`${name}: unknown verb ${JSON.stringify(action.verb)}`);
      continue;
    }
    const fields = dataFields(spec);
    fields.forEach((f) => fieldsOfCard.add(f));
    const data = action.data;
    if (data && typeof data === 'object') {
      for (const key of Object.keys(data)) if (!fields.includes(key)) problems.push(`${name}: ${spec.verb} takes no field ${key}`);
    }
  }
  // Teams sends every input of the card with any of its buttons: each one must be a field of one of them.
  for (const input of all.filter((n) => typeof n.type === 'string' && n.type.startsWith('Input.'))) {
    if (bound(input.id)) continue;
    if (!fieldsOfCard.has(String(input.id))) problems.push(`${name}: input ${input.id} is read by no button of the card`);
  }
  return problems;
}

const templates = readdirSync(CARDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(CARDS, f), 'utf8'))] as const);

describe('the card templates and the registry', () => {
  it('the check finds an unknown verb, a field no verb takes and an input nobody reads', () => {
    const broken = {
      body: [{ type: 'Input.Text', id: 'nobodyReadsThis' }],
      actions: [
        { type: 'Action.Execute', verb: 'picks.sumbit', data: {} },
        { type: 'Action.Execute', verb: VERB.picksInfo, data: { round: 1, for: 'x' } },
      ],
    };
    expect(problemsOf('broken.json', broken)).toEqual([
      'broken.json: unknown verb "picks.sumbit"',
      'broken.json: picks.info takes no field for',
      'broken.json: input nobodyReadsThis is read by no button of the card',
    ]);
  });

  it.each(templates)('%s names only verbs, fields and inputs the registry declares', (name, template) => {
    expect(problemsOf(name, template)).toEqual([]);
  });

  it('the input ids that views fill in are fields of the verbs that read them', () => {
    const picks = dataFields(verbSpec(VERB.picksSubmit)!);
    for (const inputs of Object.values(PICK_INPUTS)) expect(picks).toEqual(expect.arrayContaining([inputs.card, inputs.argument]));
    expect(dataFields(verbSpec(VERB.stickersSubmit)!)).toEqual(expect.arrayContaining([...STICKER_INPUTS]));
    expect(STICKER_INPUTS).toHaveLength(LIMITS.stickers);
    // The guest's consent toggle joins every form a leider fills in for a guest: each submit reads it.
    for (const verb of [VERB.introSubmit, VERB.picksSubmit, VERB.pollVote, VERB.stickersSubmit, VERB.closingSubmit])
      expect(dataFields(verbSpec(verb)!)).toContain(GUEST_CONSENT_INPUT);
  });

  it('every verb is declared exactly once, and every declared verb is on some card', () => {
    const declared = VERBS.map((s) => s.verb);
    expect(new Set(declared).size).toBe(declared.length);
    expect([...declared].sort()).toEqual(Object.values(VERB).sort());
    const onCards = new Set(
      templates.flatMap(([, t]) =>
        nodes(t)
          .filter((n) => n.type === 'Action.Execute' && !bound(n.verb))
          .map((n) => String(n.verb)),
      ),
    );
    // Filled in by views: the welcome card's refresh, the leiders' refresh of the other shared cards
    // (leader-controls.ts) and the own-card form's way back.
    for (const byView of [VERB.welcomeView, VERB.controlsView, VERB.intentionsView]) onCards.add(byView);
    // Still answered for cards already in chats: forms from before the board lost its buttons, spreads
    // posted before closing a silent placement moved to the leider's controls, and progress cards whose
    // leider view had a refresh of its own before the controls took it over.
    onCards.add(VERB.progressView);
    onCards.add(VERB.boardView);
    onCards.add(VERB.pollClose);
    expect(declared.filter((v) => !onCards.has(v))).toEqual([]);
  });

  it('every chat command word belongs to one command only, unless their arguments tell them apart', () => {
    const byWord = new Map<string, string[]>();
    for (const spec of COMMANDS)
      for (const word of new Set([...spec.words.nl, ...spec.words.en])) byWord.set(word, [...(byWord.get(word) ?? []), spec.name]);
    const shared = [...byWord].filter(([, names]) => names.length > 1).map(([word, names]) => `${word}: ${names.join(', ')}`);
    expect(shared).toEqual(['start: startWithCode, start', 'begin: startWithCode, start']);
  });
});

/**
 * The declarations against the rules: whoever `who` leaves out is refused by `decide`, in every
 * phase, whatever the button's data. The core has the last word; the registry must not promise more.
 */
describe('who may use a verb or command, as the rules say', () => {
  const STRANGER: Actor = actor('zed');
  const phases: Array<[string, TableState]> = [
    ['opzet', tables.withParticipants([ANNA])],
    ['kennismaking', tables.intro([ANNA])],
    ['ronde 1', tables.round1([ANNA])],
  ];
  /** Someone the declaration leaves out: a participant for a leider's verb, a stranger for a member's. */
  const outsider: Partial<Record<Who, Actor>> = { leader: ANNA, notetaker: ANNA, member: STRANGER };
  const cases = [
    ...VERBS.flatMap((spec) =>
      spec.scope === 'table' && spec.command
        ? [
            [
              `button ${spec.verb}`,
              spec.who,
              (who: Actor) => spec.command!(spec.data.safeParse({ round: 1, poll: 1, kind: 'ingredient', consent: true }).data ?? {}, who),
            ] as const,
          ]
        : [],
    ),
    ...COMMANDS.flatMap((spec) =>
      spec.command ? [[`command ${spec.name}`, spec.who, () => spec.command!(spec.args({ rest: ['1'], restText: '' }))] as const] : [],
    ),
  ];

  it.each(cases.filter(([, who]) => outsider[who]))('%s refuses whom it is not for', (_name, who, commandFor) => {
    const by = outsider[who]!;
    for (const [phase, state] of phases) {
      const command = commandFor(by);
      if (!command) continue;
      const result = decide(state, { actor: by, command }, state.updatedAt + 1);
      expect({ phase, refused: result.type === 'error' }).toEqual({ phase, refused: true });
    }
  });

  it('the leider may use what is declared for leiders (the rules do not refuse them for who they are)', () => {
    for (const [name, who, commandFor] of cases.filter(([, who]) => who === 'leader')) {
      const command = commandFor(LEAD);
      if (!command) continue;
      const result = decide(tables.round1([ANNA]), { actor: LEAD, command }, Date.now());
      if (result.type === 'error') expect({ name, who, code: result.code }).not.toEqual({ name, who, code: 'notLeader' });
    }
  });
});
