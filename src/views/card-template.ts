/**
 * The card templates of `cards/`, compiled once into functions that bind a view's data. They give
 * the very result adaptivecards-templating's `Template.expand` gives (test/views/card-template.test.ts
 * holds both to it), for the expressions our templates use: a path (`${a.b}`, `${$root.a}`,
 * `${$data}`), `exists(path)`, `count(path) > 0` and `!path`. Any other expression, or text around
 * one, is refused when the template is compiled, so a new kind of expression fails every card test
 * instead of rendering differently.
 *
 * Why not the package: it evaluates every binding through the Adaptive Expressions interpreter (a
 * memory object, options and a case-blind property search per binding): 30 to 50 times the time of
 * these functions (bench/card-render.ts; 0.1 ms of a pick submission's answer, 0.8 ms of a reveal
 * card), and it loads that interpreter (some 15 MiB) into the bot.
 */

/** Where a binding is evaluated: the view's data, and the item of the nearest `$data` (the root when none). */
interface Scope {
  root: unknown;
  data: unknown;
}

type Expand = (scope: Scope) => unknown;

interface Evaluation {
  value?: unknown;
  error?: string;
}

/** A parsed `${...}`; `substitute` is the package's undefined-value substitution (off for `$when`). */
interface Expression {
  text: string;
  evaluate(scope: Scope, substitute: boolean): Evaluation;
}

const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);
const PATH = /^\$?[A-Za-z_][\w]*(\.\$?[A-Za-z_][\w]*)*$/;

/** A template (parsed JSON of a card) as a function of the view's data. */
export function compileTemplate(template: unknown): (root: unknown) => unknown {
  const expand = compile(template);
  return (root) => expand({ root, data: undefined });
}

function compile(node: unknown): Expand {
  if (typeof node === 'string') {
    if (!node.includes('${')) return () => node;
    const expression = parseExpression(node);
    return (scope) => {
      const { value, error } = expression.evaluate(scope, true);
      if (error !== undefined) throw new Error(error);
      return value;
    };
  }
  if (Array.isArray(node)) return compileArray(node.map(compile));
  if (node !== null && typeof node === 'object') return compileObject(node as Record<string, unknown>);
  return () => node;
}

/** An item that expands to null is left out; one that expands to several (a `$data` list) is spread. */
function compileArray(items: Expand[]): Expand {
  return (scope) => {
    const out: unknown[] = [];
    for (const item of items) {
      const value = item(scope);
      if (value === null) continue;
      if (Array.isArray(value)) for (const v of value) out.push(v);
      else out.push(value);
    }
    return out;
  };
}

function compileObject(node: Record<string, unknown>): Expand {
  const when = node.$when;
  const whenExpression = typeof when === 'string' && when.includes('${') ? parseExpression(when) : undefined;
  // A `$when` that is no expression drops the object, as the package does (a falsy one is ignored).
  const alwaysDropped = whenExpression === undefined && Boolean(when);
  const dataNode = node.$data;
  if (dataNode !== undefined && !(typeof dataNode === 'string' && dataNode.includes('${')))
    throw new Error(`card template: $data must be an expression, not ${JSON.stringify(dataNode)}`);
  const dataExpression = dataNode === undefined ? undefined : parseExpression(dataNode);
  const entries = Object.keys(node)
    .filter((key) => !RESERVED.has(key))
    .map((key) => [key, compile(node[key])] as const);

  const expandOne = (scope: Scope): Record<string, unknown> | undefined => {
    if (alwaysDropped) return undefined;
    if (whenExpression) {
      const { value, error } = whenExpression.evaluate(scope, false);
      if (error !== undefined || value !== true) return undefined;
    }
    const out: Record<string, unknown> = {};
    for (const [key, expand] of entries) {
      const value = expand(scope);
      if (value !== undefined) out[key] = value;
    }
    return out;
  };

  return (scope) => {
    if (!dataExpression) return expandOne(scope) ?? null;
    const { value: contexts, error } = dataExpression.evaluate(scope, true);
    if (error !== undefined) throw new Error(error);
    if (!Array.isArray(contexts)) return expandOne({ root: scope.root, data: contexts }) ?? null;
    const results: Array<Record<string, unknown>> = [];
    // An undefined item keeps the item before it (the package does not restore the data between items).
    let data = scope.data;
    for (const item of contexts) {
      if (item !== undefined) data = item;
      const one = expandOne({ root: scope.root, data });
      if (one) results.push(one);
    }
    if (results.length === 0) return null;
    return results.length === 1 ? results[0] : results;
  };
}

/** Parses a string that is one `${...}` and nothing else. */
function parseExpression(text: string): Expression {
  const m = /^\$\{(.*)\}$/s.exec(text);
  const body = m?.[1]?.trim();
  if (body === undefined || body.includes('${')) throw new Error(`card template: unsupported binding ${JSON.stringify(text)}`);
  if (PATH.test(body)) return pathExpression(body);
  const call = /^(exists|count)\((.+)\)( > 0)?$/.exec(body);
  if (call && PATH.test(call[2]!)) {
    const path = pathExpression(call[2]!);
    if (call[1] === 'exists' && !call[3]) return existsExpression(text, path);
    if (call[1] === 'count' && call[3]) return countAboveZero(text, path);
  }
  const not = /^!(.+)$/.exec(body);
  if (not && PATH.test(not[1]!)) return notExpression(text, pathExpression(not[1]!));
  throw new Error(`card template: unsupported expression ${JSON.stringify(text)}`);
}

function pathExpression(path: string): Expression {
  const parts = path.split('.');
  // A path that does not start at `$root` or `$data` is read from the current `$data`.
  if (!parts[0]!.startsWith('$')) parts.unshift('$data');
  const head = parts[0]!;
  if (head !== '$data' && head !== '$root') throw new Error(`card template: unsupported path ${path}`);
  const rest = parts.slice(1);
  return {
    text: path,
    evaluate(scope, substitute) {
      let value: unknown = head === '$root' ? scope.root : scope.data === undefined ? scope.root : scope.data;
      for (const part of rest) value = property(value, part);
      // The package's substitution for an undefined value is the binding itself.
      if (value === undefined && substitute) return { value: `\${${path}}` };
      return { value };
    },
  };
}

/** As Adaptive Expressions reads a property: nothing from a falsy value, and the name compared without case. */
function property(instance: unknown, name: string): unknown {
  if (!instance) return undefined;
  if (instance instanceof Map) {
    const exact: unknown = instance.get(name);
    if (exact !== undefined) return exact;
    const lower = name.toLowerCase();
    for (const key of instance.keys()) if (typeof key === 'string' && key.toLowerCase() === lower) return instance.get(key);
    return undefined;
  }
  const lower = name.toLowerCase();
  for (const key of Object.keys(instance)) {
    if (key.length === name.length && (key === name || key.toLowerCase() === lower)) return (instance as Record<string, unknown>)[key];
  }
  return undefined;
}

const present = (v: unknown) => v !== null && v !== undefined;

function existsExpression(text: string, path: Expression): Expression {
  return {
    text,
    evaluate: (scope, substitute) => ({ value: present(path.evaluate(scope, substitute).value) }),
  };
}

function countAboveZero(text: string, path: Expression): Expression {
  return {
    text,
    evaluate(scope, substitute) {
      const v = path.evaluate(scope, substitute).value;
      if (typeof v === 'string' || Array.isArray(v)) return { value: v.length > 0 };
      if (v instanceof Map) return { value: v.size > 0 };
      if (v !== null && typeof v === 'object') return { value: Object.keys(v).length > 0 };
      return { error: `${text}: count needs a string, list, map or object` };
    },
  };
}

function notExpression(text: string, path: Expression): Expression {
  return {
    text,
    // `!` reads its operand without substitution, and true and false as themselves, null as false, anything else as true.
    evaluate(scope) {
      const v = path.evaluate(scope, false).value;
      return { value: !(typeof v === 'boolean' ? v : present(v)) };
    },
  };
}
