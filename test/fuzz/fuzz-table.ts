/**
 * The tables the fuzz tests throw input at: one Teams group chat driven over HTTP through the real
 * server into five phases, each phase kept as a snapshot of the stored table. Every fuzz case puts
 * its snapshot back into the store, sends one activity, and reads what happened: the HTTP answer,
 * the stored table before and after, and every call the bot made to the connector meanwhile
 * (shared-card updates flushed, so nothing of the case arrives later).
 */
import http from 'node:http';
import type { TableState } from '../../src/domain';
import type { TableKey } from '../../src/store';
import type { Harness } from '../support/bot-under-test';
import type { ConnectorCall } from '../support/connector-stand-in';
import { E2ETable, pickData } from '../support/e2e-table';
import { user, type TeamsUser } from '../support/teams-activity';

/** People whose names and ids occur nowhere in the bot's own texts. */
export const LEIDER = user(300, 'Lieke Leidsvrouw');
/** Joined, gave consent for her name. */
export const ANNA = user(301, 'Anna Aalbersberg');
/** Joined. */
export const BRAM = user(302, 'Bram Brouwerij');
/** Joined and co-leider. */
export const CEES = user(303, 'Cees Colleider');
/** Never joined, no role: someone else in the chat. */
export const OUTSIDER = user(399, 'Olga Ongenood');
/** A guest (no device) the leider enters input for; the bot gives the id `guest-<number>`. */
export const GUEST_NAME = 'Gerrit Gastvrij';

export const ACTORS: readonly TeamsUser[] = [LEIDER, ANNA, BRAM, CEES, OUTSIDER];

export const FIXTURES = ['setup', 'round1', 'round2-poll', 'round3', 'closing'] as const;
export type FixtureName = (typeof FIXTURES)[number];

export interface FuzzTable {
  t: E2ETable;
  key: TableKey;
  snapshots: Record<FixtureName, TableState>;
  /** Every card and text the bot sent while the fixtures were built: text that is the bot's own. */
  setupOutput: string;
  guestId: string;
}

async function mustPress(t: E2ETable, from: TeamsUser, verb: string, data: Record<string, unknown> = {}): Promise<void> {
  await t.press(from, verb, data);
}

/** Builds the table phase by phase through the real server and snapshots each phase. */
export async function buildFuzzTable(h: Harness): Promise<FuzzTable> {
  const t = new E2ETable(h, LEIDER);
  const key: TableKey = { tenantId: t.chat.tenantId, conversationId: t.chat.id };
  const snap = async (phase: TableState['phase']): Promise<TableState> => {
    await h.app.updater.flush();
    const state = await h.app.store.get(key);
    if (!state || state.phase !== phase) throw new Error(`fixture: expected phase ${phase}, the table is in ${state?.phase}`);
    return structuredClone(state);
  };

  await t.start('Fuzztafel Noordwest');
  await t.join(ANNA, BRAM, CEES);
  await mustPress(t, ANNA, 'consent.set', { consent: true });
  await t.say(LEIDER, 'coleider', { mentions: [CEES] });
  await t.say(LEIDER, `gast ${GUEST_NAME}`);
  const setup = await snap('setup');
  const guest = setup.participants.find((p) => p.guest);
  if (!guest || setup.coLeads.length !== 1) throw new Error('fixture: no guest or no co-leider');

  const ids = setup.deck.ingredients.map((c) => c.id);
  const intentions = setup.deck.intentions.map((c) => c.id);
  const picks = (o: number) => ({
    in: [ids[o]!, `Omdat buren elkaar daar treffen ${o}`] as [string, string],
    out: [ids[o + 1]!, `Dat is professionele zorg ${o}`] as [string, string],
    doubt: [ids[o + 2]!, `Hangt af van de wijk ${o}`] as [string, string],
  });
  await t.toRound1();
  await mustPress(t, ANNA, 'picks.submit', pickData(picks(0)));
  await mustPress(t, LEIDER, 'picks.submit', { ...pickData(picks(3)), for: guest.id });
  const round1 = await snap('round1');

  await t.say(LEIDER, 'onthul');
  await t.say(LEIDER, 'volgende');
  await mustPress(t, LEIDER, 'board.place', {
    card: ids[0],
    zone: 'community',
    agreement: 'divided',
    purpose: 'Verbindt buren',
    trait: 'Door vrijwilligers',
  });
  await mustPress(t, LEIDER, 'poll.open', { card: ids[1] });
  await mustPress(t, ANNA, 'poll.vote', { poll: 1, zone: 'personal' });
  await t.say(LEIDER, 'conclusie We rekenen iets tot de sociale basis als het buren verbindt');
  const round2 = await snap('round2');

  await mustPress(t, LEIDER, 'poll.close', { poll: 1 });
  await t.say(LEIDER, 'volgende');
  await mustPress(t, ANNA, 'stickers.submit', { sticker1: intentions[0], sticker2: intentions[0], sticker3: intentions[1] });
  const round3 = await snap('round3');

  await t.say(LEIDER, 'sluit');
  await mustPress(t, LEIDER, 'discussion.save', {
    mainIntention: intentions[0],
    agreements: 'Eens over verbinding',
    disagreements: '',
    policyRelation: '',
    policyGoals: '',
  });
  await t.say(LEIDER, 'volgende');
  await mustPress(t, ANNA, 'closing.submit', { learned: 'Dat de wijk veel zelf doet', action: 'Buurthuis bellen' });
  const closing = await snap('closing');

  return {
    t,
    key,
    snapshots: { setup, round1, 'round2-poll': round2, round3, closing },
    setupOutput: t
      .calls()
      .map((c) => JSON.stringify(c.body))
      .join('\n'),
    guestId: guest.id,
  };
}

/** Puts a snapshot back as the stored table (through `update`, as the bot itself writes). */
export async function restore(h: Harness, key: TableKey, state: TableState): Promise<void> {
  await h.app.store.update(key, () => ({ state: structuredClone(state), result: undefined }));
}

export interface Observed {
  status: number;
  /** The parsed JSON answer, or the raw text when it is not JSON. */
  body: any;
  before: TableState | undefined;
  after: TableState | undefined;
  /** The calls the bot made to the connector for this conversation during the case. */
  sent: ConnectorCall[];
  /** Date.now() just before the request and just after the answer and the flushed updates. */
  t0: number;
  t1: number;
}

/**
 * A POST on a connection of its own. (fetch keeps connections alive, and reusing one just as the
 * server's 5 s keep-alive timeout closes it fails the request on the client side: a test artefact.)
 */
function postJson(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs an activity as Teams would and reports everything that followed from it. */
export async function observe(h: Harness, key: TableKey, activity: object): Promise<Observed> {
  await h.app.updater.flush();
  await h.app.outbound.idle();
  const before = await h.app.store.get(key);
  const from = h.connector.calls.length;
  const t0 = Date.now();
  const res = await postJson(h.botUrl, JSON.stringify(activity));
  const text = res.text;
  let body: any = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // restify answers some refusals (413) with plain text.
  }
  await h.app.updater.flush();
  await h.app.outbound.idle();
  const t1 = Date.now();
  const after = await h.app.store.get(key);
  const sent = h.connector.calls.slice(from).filter((c) => c.conversationId === key.conversationId);
  return { status: res.status, body, before, after, sent, t0, t1 };
}
