/**
 * The parameters of a message, read by the compiler from the `{placeholders}` of its Dutch text, so
 * that `t(lang, 'error.notLeader', {})` does not compile. nl.ts is `as const`, which keeps each text
 * as a literal type for these template literal types to take apart.
 */
import type { MessageKey, nl } from './nl';

export type { MessageKey };

/**
 * The `{name}`s in a text. This reads any `{...}`, where t() fills only `{word}`: the catalog test
 * checks that the texts hold no other braces, so the two agree.
 */
export type PlaceholdersIn<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

/** The placeholders of one key (of every key in a union: a key picked at run time needs them all). */
export type PlaceholderOf<K extends MessageKey> = K extends MessageKey ? PlaceholdersIn<(typeof nl)[K]> : never;

export type ParamValue = string | number;

/** Values for every placeholder of `K`, and nothing else (an object literal with a misspelled one does not compile). */
export type ParamsOf<K extends MessageKey> = { readonly [P in PlaceholderOf<K>]: ParamValue };

/** What a key without placeholders may be given: nothing, or an empty object. */
export type NoParams = { readonly [name: string]: never };

/** Params whose keys were checked elsewhere (a refusal's values from the domain) or are about to be. */
export type LooseParams = Record<string, ParamValue>;

/**
 * The arguments after a key: required params when its text has placeholders, optional otherwise.
 * `Rest` are the arguments a wrapper takes after them (e.g. a notice's style).
 */
export type ParamArgs<K extends MessageKey, Rest extends unknown[] = []> = [PlaceholderOf<K>] extends [never]
  ? [params?: NoParams, ...rest: Rest]
  : [params: ParamsOf<K>, ...rest: Rest];

/** The keys whose text in `Catalog` has other placeholders than the Dutch text (never when all agree). */
export type PlaceholderMismatch<Catalog extends Record<MessageKey, string>> = {
  [K in MessageKey]: Same<PlaceholdersIn<Catalog[K]>, PlaceholderOf<K>> extends true ? never : K;
}[MessageKey];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** A type-level assertion: `OnlyNever<X>` fails to compile, naming X, unless X is never. */
export type OnlyNever<T extends never> = T;

/** Keys whose text has no placeholders, for code that picks a key at run time and fills nothing. */
export type PlainKey = { [K in MessageKey]: [PlaceholderOf<K>] extends [never] ? K : never }[MessageKey];

/**
 * A key with its params, for a message chosen in one place and shown in another (a refusal on a
 * form). One member per key, so `{ key: 'error.tableFull', params: {} }` does not compile.
 */
export type Message = {
  [K in MessageKey]: [PlaceholderOf<K>] extends [never] ? { key: K; params?: NoParams } : { key: K; params: ParamsOf<K> };
}[MessageKey];
