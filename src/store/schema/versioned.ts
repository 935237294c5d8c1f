import type { z } from 'zod/v4';

/**
 * One stored shape across its versions. The version is a field of the value (`schemaVersion`), not
 * an envelope around it: the previous release, still running during a rolling deploy or back after
 * a rollback, reads what this one writes as long as the version stays the same. So a new version
 * takes two releases: one that reads it, then one that writes it.
 */
export interface StoredShape<T> {
  /** The version this release writes. */
  version: number;
  /** The value of that version. */
  schema: z.ZodType<T>;
  /** Each older version still found in storage, with its step one version up (a read takes as many as it needs). */
  older: Readonly<Record<number, Step>>;
  /** The version of a value without a `schemaVersion` (written before it had one), if there are such values. */
  unversioned?: number;
}

/** How a value of one version becomes one of the next; made with `step`. */
export interface Step {
  schema: z.ZodType;
  up(old: unknown): unknown;
}

/**
 * A step: the older version's schema, and what makes a value of it into one of the next version.
 * `up` gets the value as stored (checked against `schema`, fields it does not name included), so
 * a step changes what it names and carries the rest over, as a read of the current version does.
 */
export function step<Old>(schema: z.ZodType<Old>, up: (old: Old) => unknown): Step {
  return { schema, up: (old) => up(old as Old) };
}

/** Why a stored value was not read. Safe to log: it holds no stored text, only codes and field names. */
export interface Unreadable {
  reason: 'notJson' | 'unknownVersion' | 'shape';
  /** The version the value had when it did not parse; an unknown one that is not a number, by its type. */
  version?: unknown;
  /** What did not match, as `code at path`; keys of maps (user ids, card ids) show as `*`. */
  issues?: string[];
}

export type StoredRead<T> = { ok: true; value: T } | { ok: false; unreadable: Unreadable };

/** JSON.parse without its error message, which quotes the text it failed on. */
export function parseJson(text: string): StoredRead<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, unreadable: { reason: 'notJson' } };
  }
}

/**
 * A stored value as this release's shape: migrated step by step from an older version, then checked.
 * What is returned is the value that passed the check, not zod's copy of it: the check only looks,
 * so a field that a newer release added survives when this one writes the value back.
 */
export function readStored<T>(shape: StoredShape<T>, stored: unknown): StoredRead<T> {
  let value = stored;
  let version = versionOf(value, shape);
  while (version !== shape.version) {
    const lift = typeof version === 'number' ? shape.older[version] : undefined;
    if (typeof version !== 'number' || version > shape.version || !lift) return { ok: false, unreadable: unknownVersion(version) };
    const old = check(lift.schema, value, { version });
    if (!old.ok) return old;
    value = lift.up(old.value);
    const next = versionOf(value, shape);
    // A step that does not go up would loop for ever: a mistake in the steps, not in the data.
    if (typeof next !== 'number' || next <= version) throw new Error(`migration from version ${version} gives version ${String(next)}`);
    version = next;
  }
  return check(shape.schema, value, { version });
}

/**
 * The value itself if it has the schema's shape (see readStored on why not zod's copy), else why not.
 * `at`: where the value sits in what was stored, for the log (the deck of a table: `deck`).
 */
export function check<T>(schema: z.ZodType<T>, value: unknown, where: { version?: unknown; at?: string } = {}): StoredRead<T> {
  const checked = schema.safeParse(value);
  return checked.success ? { ok: true, value: value as T } : { ok: false, unreadable: shapeError(checked.error, where.version, where.at) };
}

/** readStored on JSON text. */
export function readStoredJson<T>(shape: StoredShape<T>, json: string): StoredRead<T> {
  const parsed = parseJson(json);
  return parsed.ok ? readStored(shape, parsed.value) : parsed;
}

function versionOf(value: unknown, shape: StoredShape<unknown>): unknown {
  const version = typeof value === 'object' && value !== null ? (value as { schemaVersion?: unknown }).schemaVersion : undefined;
  return version ?? shape.unversioned;
}

/** A version that is not a number is damage, and might be anything: only its type is told. */
function unknownVersion(version: unknown): Unreadable {
  if (version === undefined) return { reason: 'unknownVersion' };
  return { reason: 'unknownVersion', version: typeof version === 'number' ? version : typeof version };
}

/** At most this many issues in a log line; one is usually enough to see what changed. */
const MAX_ISSUES = 5;

function shapeError(error: z.ZodError, version: unknown, at?: string): Unreadable {
  const issues = error.issues.slice(0, MAX_ISSUES).map((i) => `${i.code} at ${maskedPath(at ? [at, ...i.path] : i.path)}`);
  return { reason: 'shape', ...(version === undefined ? {} : { version }), issues };
}

/** Field names are camelCase words (`round2`); anything else in a path is a key of a map: an id, so masked. */
function maskedPath(path: ReadonlyArray<PropertyKey>): string {
  return (
    path.map((p) => (typeof p === 'number' || (typeof p === 'string' && /^[a-z][A-Za-z0-9]{0,39}$/.test(p)) ? String(p) : '*')).join('.') ||
    '(root)'
  );
}

/** What a store logs with; pino's logger is one. */
export interface StoreLog {
  warn(fields: Record<string, unknown>, message: string): void;
}

const silentLog: StoreLog = { warn: () => undefined };

/** The one log line for a stored value that does not parse, which the store then treats as absent. */
function logUnreadable(log: StoreLog | undefined, what: string, id: string, unreadable: Unreadable): void {
  (log ?? silentLog).warn({ stored: what, id, ...unreadable }, `a stored ${what} does not parse and is treated as absent`);
}

/** The value read, or undefined after that log line: what does not parse is absent, it never fails a turn. */
export function orAbsent<T>(read: StoredRead<T>, log: StoreLog | undefined, what: string, id: string): T | undefined {
  if (read.ok) return read.value;
  logUnreadable(log, what, id, read.unreadable);
  return undefined;
}
