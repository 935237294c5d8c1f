/**
 * True only when A and B are the same type, optional fields included. A stored shape's schema is
 * checked against its domain type with it: a field the domain adds and the schema forgets would
 * otherwise pass both ways of assignability (it is optional) and be dropped on a read without a word.
 */
export type SameType<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compiles only when given `true`: `sameType<SameType<A, B>>(true)`. */
export function sameType<Check extends true>(_proof: Check): void {}
