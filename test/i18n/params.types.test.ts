/**
 * The params of a message are typed from the `{placeholders}` of its Dutch text. Each
 * `@ts-expect-error` line below must stay a compile error (`tsc --noEmit -p .`, and ts-jest when
 * this file runs): if the typing ever loosens, the directive is unused and the build fails. Each is
 * paired with the call that is right, which must compile.
 */
import type { Phase, Zone } from '../../src/domain';
import {
  messageOf,
  t,
  tEscaped,
  textOf,
  translator,
  type Message,
  type MessageKey,
  type ParamsOf,
  type PlaceholderMismatch,
  type PlaceholderOf,
  type PlainKey,
} from '../../src/i18n';
import type { nl } from '../../src/i18n/nl';
import { noticeView } from '../../src/views';
import { rich, type TextRun } from '../../src/views/rich-text';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

// The checks are only compiled, never called: their bodies need not make sense at run time.
function compileOnly(phase: Phase, zone: Zone, message: Message): void {
  // A key without placeholders takes no params, or an empty object; one with placeholders needs them all.
  t('nl', 'list.and');
  t('nl', 'list.and', {});
  // @ts-expect-error: 'list.and' has no placeholders
  t('nl', 'list.and', { count: 1 });
  t('nl', 'error.notLeader', { lead: 'Anna' });
  // @ts-expect-error: {lead} is missing
  t('nl', 'error.notLeader', {});
  // @ts-expect-error: the params are missing altogether
  t('nl', 'error.notLeader');
  // @ts-expect-error: {lead} misspelled
  t('nl', 'error.notLeader', { leader: 'Anna' });
  t('nl', 'progress.count', { done: 1, total: 2 });
  // @ts-expect-error: {total} is missing
  t('nl', 'progress.count', { done: 1 });
  // @ts-expect-error: a value is text or a number
  t('nl', 'progress.count', { done: 1, total: true });

  // Keys made at run time from a closed set keep working; the set decides the params.
  t('nl', `phase.${phase}`);
  t('nl', `zone.${zone}`);
  // @ts-expect-error: no phase text has a placeholder
  t('nl', `phase.${phase}`, { phase: 'x' });
  const key = 'progress.waiting' as 'progress.waiting' | 'progress.waitingCount';
  t('nl', key, { names: 'Anna', count: 2 });
  // @ts-expect-error: one of the two keys needs {count}
  t('nl', key, { names: 'Anna' });
  const any = 'list.and' as MessageKey;
  // @ts-expect-error: any key at all needs every placeholder there is
  t('nl', any);

  // The same for the runs of a card, a notice, the bound translator and the Markdown one.
  rich('nl', 'guest.added', { name: 'Anna', number: 3 });
  // @ts-expect-error: {number} is missing
  rich('nl', 'guest.added', { name: 'Anna' });
  noticeView('nl', 'timer.done', { minutes: 5 }, 'accent');
  noticeView('nl', 'error.noTable', {}, 'attention');
  // @ts-expect-error: {minutes} is missing
  noticeView('nl', 'timer.done', {}, 'accent');
  // @ts-expect-error: not a style
  noticeView('nl', 'error.noTable', {}, 'loud');
  const tr = translator('en');
  tr('error.tableFull', { max: 8 });
  // @ts-expect-error: {max} is missing
  tr('error.tableFull');
  tEscaped('nl', (s) => s, 'error.tableFull', { max: 8 });
  // @ts-expect-error: {max} misspelled
  tEscaped('nl', (s) => s, 'error.tableFull', { maxi: 8 });

  // A Message made in one place and shown in another pairs its key with that key's params.
  const ok: Message[] = [{ key: 'error.tableFull', params: { max: 8 } }, { key: 'error.noTable' }, { key: 'error.noTable', params: {} }];
  // @ts-expect-error: {max} is missing
  const noMax: Message = { key: 'error.tableFull', params: {} };
  // @ts-expect-error: the params are missing altogether
  const noParams: Message = { key: 'error.tableFull' };
  // @ts-expect-error: 'error.noTable' has no placeholders
  const extra: Message = { key: 'error.noTable', params: { max: 8 } };
  messageOf('error.tableFull', { max: 8 });
  // @ts-expect-error: {max} is missing
  messageOf('error.tableFull', {});
  rich('nl', message);
  noticeView('nl', message, 'attention');
  textOf('en', message);
  void [ok, noMax, noParams, extra];
}
void compileOnly;

// What the types say about the catalog.

expectType<Equal<PlaceholderOf<'progress.count'>, 'done' | 'total'>>();
expectType<Equal<PlaceholderOf<'guest.added'>, 'name' | 'number'>>(); // {name} twice
expectType<Equal<PlaceholderOf<'list.and'>, never>>();
expectType<Equal<ParamsOf<'error.tableFull'>, { readonly max: string | number }>>();
expectType<Equal<Extract<PlainKey, 'error.tableFull' | 'list.and'>, 'list.and'>>();
// An English catalog whose text differs from the Dutch one in its placeholders is found, by key.
type English = Record<MessageKey, string> & typeof nl;
expectType<Equal<PlaceholderMismatch<English>, never>>();
expectType<Equal<PlaceholderMismatch<Omit<English, 'error.tableFull'> & { 'error.tableFull': 'Full: {maximum}' }>, 'error.tableFull'>>();
expectType<Equal<PlaceholderMismatch<Omit<English, 'list.and'> & { 'list.and': 'and {x}' }>, 'list.and'>>();

describe('typed message params', () => {
  it('fill what the types demand, in both languages', () => {
    expect(t('nl', 'progress.count', { done: 5, total: 7 })).toBe('5 van 7 ingeleverd');
    expect(t('en', 'progress.count', { done: 5, total: 7 })).toBe('5 of 7 submitted');
    expect(textOf('nl', messageOf('error.tableFull', { max: 8 }))).toBe(t('nl', 'error.tableFull', { max: 8 }));
    expect(tEscaped('nl', (s) => s.toUpperCase(), 'guest.added', { name: 'anna', number: 3 })).toBe(
      t('nl', 'guest.added', { name: 'ANNA', number: 3 }),
    );
  });

  it('keep a Message the same whichever way it is rendered', () => {
    const message = messageOf('timer.done', { minutes: 5 });
    const runs: TextRun[] = rich('nl', message);
    expect(runs).toEqual(rich('nl', 'timer.done', { minutes: 5 }));
    expect(noticeView('nl', message, 'accent')).toEqual(noticeView('nl', 'timer.done', { minutes: 5 }, 'accent'));
    expect(noticeView('nl', 'error.noTable')).toEqual({ runs: rich('nl', 'error.noTable'), style: 'default' });
  });
});
