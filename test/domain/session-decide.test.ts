import { decide, decideSession, type Actor, type SessionState } from '../../src/domain';
import { session } from '../report/session-fixtures';
import { ANNA, LEAD, T0, expectOk, tables } from './fixtures';

/** The organiser of the session fixture, as the adapter would pass them. */
const OLGA: Actor = { id: 'aad-olga', name: 'Olga Organisator', channelUserId: '29:olga' };
const link = (token: string) => ({ token, title: `Tafel ${token}`, tenantId: 'tenant-1', conversationId: `19:${token}@thread.v2` });

describe('decideSession: the session’s rules in the shape of decide', () => {
  const s: SessionState = session([]);

  it('adds a co-organiser and says who', () => {
    const r = decideSession(s, { actor: OLGA, command: { type: 'addCoOrganiser', to: { channelUserId: '29:hans', name: 'Hans' } } }, T0);
    expect(r).toMatchObject({ type: 'ok', events: [{ type: 'coOrganiserAdded', userId: '29:hans' }] });
  });

  it('refuses a co-organiser from someone who does not organise, with a session refusal', () => {
    expect(
      decideSession(s, { actor: ANNA, command: { type: 'addCoOrganiser', to: { channelUserId: '29:hans', name: 'Hans' } } }, T0),
    ).toEqual({
      type: 'error',
      family: 'session',
      code: 'notOrganiser',
    });
  });

  it('links a table once; linking it again changes nothing and says so', () => {
    const first = decideSession(s, { actor: LEAD, command: { type: 'linkTable', table: link('t1') } }, T0);
    if (first.type === 'error') throw new Error(first.code);
    expect(first.events).toEqual([{ type: 'tableLinked', token: 't1', alreadyLinked: false }]);
    const again = decideSession(first.session, { actor: LEAD, command: { type: 'linkTable', table: link('t1') } }, T0 + 1);
    expect(again).toEqual({ type: 'ok', session: first.session, events: [{ type: 'tableLinked', token: 't1', alreadyLinked: true }] });
  });

  it('unlinks a linked table; an unknown one leaves the same session and no events', () => {
    const linked = session(['t1']);
    expect(decideSession(linked, { actor: LEAD, command: { type: 'unlinkTable', token: 't1' } }, T0)).toMatchObject({
      events: [{ type: 'tableUnlinked', token: 't1' }],
    });
    expect(decideSession(linked, { actor: LEAD, command: { type: 'unlinkTable', token: 'tx' } }, T0)).toEqual({
      type: 'ok',
      session: linked,
      events: [],
    });
  });
});

describe('decide linkSession: the table’s side of linking', () => {
  it('takes the session’s goal and deck, and says it linked', () => {
    const s = session([]);
    const r = expectOk(decide(tables.intro([ANNA]), { actor: LEAD, command: { type: 'linkSession', session: s } }, T0 + 60_000));
    expect(r.state.sessionCode).toBe(s.code);
    expect(r.state.settings.goal).toBe(s.goal);
    expect(r.events).toEqual([{ type: 'sessionLinked', code: s.code }]);
  });

  it('refuses once picks were made, with the session’s refusal', () => {
    const r = decide(tables.round1WithPicks(), { actor: LEAD, command: { type: 'linkSession', session: session([]) } }, T0 + 60_000);
    expect(r).toEqual({ type: 'error', family: 'session', code: 'picksMade' });
  });
});
