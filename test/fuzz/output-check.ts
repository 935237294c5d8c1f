/**
 * Where a user's raw text may show up in what the bot sends. In an Adaptive Card, user text belongs in
 * a TextRun's `text` (never parsed as markdown), in an input's `value` (the form keeps what was
 * typed), or in a choice's `title` (the titles of participants' own cards). A few more places render
 * as plain text in Teams and are tolerated: a button's `title`, an input's `label`, a chart's title
 * and bar labels, an image's `altText`. Anywhere else (a `type`, an `id`, a `verb`, a url, a TextBlock's markdown `text`,
 * a FactSet, the data of a button, a property name) user text is an injection; so is a `${...}`
 * binding left in the card when no user typed one. A markdown text message (`samenvatting`) may
 * carry user text only with its markdown characters escaped.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { cleanText } from '../../src/domain';
import { en } from '../../src/i18n/en';
import { nl } from '../../src/i18n/nl';
import type { ConnectorCall } from '../support/connector-stand-in';

export const MIN_PROBE = 6;

/**
 * Text that is the bot's own: its templates, catalogues and source (input ids such as `outArgument`,
 * verbs, the deck). A probe found in it proves nothing: shrinking readily turns a random key into a
 * piece of one of those names.
 */
const ROOT = path.join(__dirname, '..', '..');
function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, ext);
    return ext.test(e.name) ? [full] : [];
  });
}
export const BOT_OWN_TEXT = [
  ...filesUnder(path.join(ROOT, 'cards'), /\.json$/).map((f) => readFileSync(f, 'utf8')),
  ...filesUnder(path.join(ROOT, 'src'), /\.ts$/).map((f) => readFileSync(f, 'utf8')),
  ...Object.values(nl),
  ...Object.values(en),
].join('\n');

/** Every string in a JSON value, keys included. */
export function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      stringsOf(v, out);
    }
  }
  return out;
}

/**
 * The pieces of user input worth looking for: each string of at least MIN_PROBE characters as sent,
 * as the bot cleans it (control and bidi characters out, spaces collapsed), and its start (names and
 * titles are cut to a maximum). Pieces that also occur in the bot's own text (`known`) are left out:
 * finding those proves nothing.
 */
export function probesOf(inputs: string[], known: string): string[] {
  const found = new Set<string>();
  const add = (s: string) => {
    if ([...s].length < MIN_PROBE || !/\S/.test(s) || known.includes(s)) return;
    found.add(s);
  };
  for (const raw of new Set(inputs)) {
    if (raw.length < MIN_PROBE) continue;
    const clean = cleanText(raw);
    const collapsed = clean.replace(/\s+/g, ' ');
    for (const s of [raw, clean, collapsed]) add(s);
    if ([...collapsed].length > 40) add([...collapsed].slice(0, 40).join('').trim());
  }
  return [...found];
}

export interface Violation {
  /** Which message: `invoke answer`, or `POST|PUT <n>` of the calls. */
  message: string;
  /** JSON path inside the card or activity. */
  path: string;
  what: string;
  probe?: string;
  value: string;
}

const INPUT = /^Input\./;
const ACTION = /^Action\./;
const CHART = /^Chart\./;

type Place = 'allowed' | 'tolerated' | 'forbidden';

/** How a string at `node[key]` is rendered, judged by the node it sits in and the nodes above it. */
function placeOf(node: Record<string, unknown>, key: string, pathKeys: string[], enclosing: string[]): Place {
  const type = typeof node.type === 'string' ? node.type : '';
  if (type === 'TextRun' && key === 'text') return 'allowed';
  if (INPUT.test(type) && key === 'value') return 'allowed';
  const parent = pathKeys[pathKeys.length - 2];
  const inList = (name: string) => parent !== undefined && /^\d+$/.test(parent) && pathKeys[pathKeys.length - 3] === name;
  // A choice of an Input.ChoiceSet: { title, value }.
  if (inList('choices') && key === 'title' && INPUT.test(enclosing[enclosing.length - 1] ?? '')) return 'allowed';
  if (ACTION.test(type) && key === 'title') return 'tolerated';
  if (INPUT.test(type) && (key === 'label' || key === 'placeholder' || key === 'refusalMessage')) return 'tolerated';
  if (CHART.test(type) && key === 'title') return 'tolerated';
  // The model picture's words for a screen reader: read out or shown as a tooltip, never as markdown.
  if (type === 'Image' && key === 'altText') return 'tolerated';
  // A bar of a chart: { x: label, y: count } inside the chart's `data`.
  if (inList('data') && key === 'x' && CHART.test(enclosing[enclosing.length - 1] ?? '')) return 'tolerated';
  return 'forbidden';
}

/**
 * The `{{DATE(…)}}` and `{{TIME(…)}}` the bot writes (step ends, timers, link expiries); Teams expands
 * them in every reader's time zone. Any other `{{` in a card came from a user and must be broken.
 */
const BOT_TEAMS_FUNCTION = /\{\{(?:TIME\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\)|DATE\(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ, SHORT\))\}\}/g;

/**
 * Whether Teams shows the string at `node[key]` as text (where it would expand `{{DATE()}}`), rather
 * than keep it as a form's value (what was typed stays as typed), send it back (a button's data) or
 * follow it (a link).
 */
function shownAsText(node: Record<string, unknown>, key: string, pathKeys: string[]): boolean {
  const type = typeof node.type === 'string' ? node.type : '';
  if (INPUT.test(type) && key === 'value') return false;
  if (key === 'value' && pathKeys[pathKeys.length - 3] === 'choices') return false;
  return key !== 'url' && key !== 'id' && key !== 'verb' && !pathKeys.includes('data');
}

/**
 * Checks one Adaptive Card: every probe found in it sits in an allowed or tolerated place, no
 * property name contains one, `${` appears only in user text when some user typed it, and `{{`
 * only in the bot's own date and time functions.
 */
export function checkCard(card: unknown, probes: string[], templateSyntaxTyped: boolean, message: string): Violation[] {
  const violations: Violation[] = [];
  const walk = (
    value: unknown,
    pathKeys: string[],
    node: Record<string, unknown> | undefined,
    key: string | undefined,
    enclosing: string[],
  ) => {
    if (typeof value === 'string') {
      const place = node && key !== undefined ? placeOf(node, key, pathKeys, enclosing) : 'forbidden';
      const at = pathKeys.join('.');
      if (place === 'forbidden') {
        for (const probe of probes)
          if (value.includes(probe))
            violations.push({
              message,
              path: at,
              what: 'user text outside a TextRun/input value/choice title',
              probe,
              value: value.slice(0, 300),
            });
      }
      if (node && key !== undefined && shownAsText(node, key, pathKeys) && value.replace(BOT_TEAMS_FUNCTION, '').includes('{{')) {
        violations.push({ message, path: at, what: 'a {{DATE/TIME}} Teams function the bot did not write', value: value.slice(0, 300) });
      }
      if (/\$\{/.test(value) && !(place !== 'forbidden' && templateSyntaxTyped)) {
        violations.push({ message, path: at, what: 'a ${...} binding left in the card', value: value.slice(0, 300) });
      }
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...pathKeys, String(i)], node, key, enclosing));
      return;
    }
    if (value && typeof value === 'object') {
      const obj = value as Record<string, unknown>;
      // The types of the nodes around the current one, its own excluded.
      const inner = node && typeof node.type === 'string' && node !== obj ? [...enclosing, node.type] : enclosing;
      for (const [k, v] of Object.entries(obj)) {
        for (const probe of probes)
          if (k.includes(probe))
            violations.push({
              message,
              path: [...pathKeys, k].join('.'),
              what: 'user text in a property name',
              probe,
              value: k.slice(0, 300),
            });
        if (/\$\{/.test(k))
          violations.push({
            message,
            path: [...pathKeys, k].join('.'),
            what: 'a ${...} binding as a property name',
            value: k.slice(0, 300),
          });
        walk(v, [...pathKeys, k], obj, k, inner);
      }
    }
  };
  walk(card, [], undefined, undefined, []);
  if (!card || typeof card !== 'object' || (card as { type?: unknown }).type !== 'AdaptiveCard') {
    violations.push({ message, path: '', what: 'not an Adaptive Card', value: JSON.stringify(card)?.slice(0, 300) ?? String(card) });
  }
  return violations;
}

const MARKDOWN_SPECIAL = /[\\`*_[\]<#|~]/;

/**
 * A probe found raw in markdown text is an echo when one of its markdown characters stands there
 * without the backslash that `escapeInline` puts before it.
 */
function unescapedIn(text: string, probe: string): boolean {
  if (!MARKDOWN_SPECIAL.test(probe) && !/&#?[0-9A-Za-z]+;/.test(probe)) return false;
  for (let at = text.indexOf(probe); at >= 0; at = text.indexOf(probe, at + 1)) {
    for (let j = 0; j < probe.length; j++) {
      if (!MARKDOWN_SPECIAL.test(probe[j]!) && probe[j] !== '&') continue;
      const before = j > 0 ? probe[j - 1] : text[at - 1];
      if (before !== '\\') return true;
    }
  }
  return false;
}

/** Checks what the bot sent to the conversation: the cards, and the text of markdown messages. */
export function checkSent(calls: ConnectorCall[], probes: string[], templateSyntaxTyped: boolean): Violation[] {
  const out: Violation[] = [];
  calls.forEach((call, i) => {
    const name = `${call.method} #${i} ${call.path}`;
    const body = call.body ?? {};
    for (const [j, attachment] of (Array.isArray(body.attachments) ? body.attachments : []).entries()) {
      if (attachment?.contentType === 'application/vnd.microsoft.card.adaptive')
        out.push(...checkCard(attachment.content, probes, templateSyntaxTyped, `${name} attachment ${j}`));
      else {
        const raw = JSON.stringify(attachment);
        for (const probe of probes)
          if (raw.includes(probe))
            out.push({
              message: name,
              path: `attachments.${j}`,
              what: 'user text in a non-Adaptive-Card attachment',
              probe,
              value: raw.slice(0, 300),
            });
      }
    }
    if (typeof body.text === 'string') {
      // Teams reads a message's text as markdown unless it says `plain`.
      const markdown = body.textFormat !== 'plain';
      for (const probe of probes) {
        if (!body.text.includes(probe)) continue;
        if (markdown && unescapedIn(body.text, probe))
          out.push({
            message: name,
            path: 'text',
            what: `unescaped user text in a ${String(body.textFormat ?? 'default-format')} message text`,
            probe,
            value: body.text.slice(0, 300),
          });
      }
    }
    // `summary` is the plain-text notification line: user text (a title) is fine there.
  });
  return out;
}

export function violationTitle(violations: Violation[]): string {
  if (violations.some((v) => v.what.startsWith('a {{'))) return 'a {{DATE/TIME}} Teams function from user text';
  const echo = violations.some((v) => v.probe !== undefined);
  const leftover = violations.some((v) => v.probe === undefined);
  if (echo && leftover) return 'raw input outside a TextRun, and a ${...} binding left in a card';
  return echo ? 'raw input outside a TextRun' : 'a ${...} binding left in a card (not typed by anyone)';
}

export function describeViolations(violations: Violation[]): string {
  return violations
    .slice(0, 8)
    .map(
      (v) =>
        `- ${v.what} at ${v.message} :: ${v.path}${v.probe !== undefined ? ` (input ${JSON.stringify(v.probe.slice(0, 80))})` : ''}: ${JSON.stringify(v.value.slice(0, 160))}`,
    )
    .join('\n');
}
