/**
 * The accessibility rules every card the bot sends is held to, as plain functions over a rendered
 * card that return what is wrong (empty: nothing). docs/accessibility.md says why each rule is there.
 */
import { VERB } from '../../src/views';
import { blockText, findAll, type Card } from '../support/cards';

type Node = Record<string, any>;

/** Container styles that mean something (a success, a refusal, a warning). */
export const STATUS_STYLES = ['good', 'attention', 'warning'];

/** Button titles that do not say what the button does. */
const VAGUE = /^(ok|oké|okay|submit|send|verzend(en)?|versturen|klik hier|click here|hier|here|ja|nee|yes|no|ga|go|\W*)$/i;

/** Text a user typed, in the test tables (test/views/max-table.ts writes every free text from this sentence). */
export const USER_TEXT = /Het café in de wijk/;

const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim() !== '';

/** Walks the card with the styles of the containers each node lies in. */
function walk(node: unknown, visit: (n: Node, styles: string[]) => void, styles: string[] = []): void {
  if (Array.isArray(node)) return node.forEach((x) => walk(x, visit, styles));
  if (!node || typeof node !== 'object') return;
  const n = node as Node;
  visit(n, styles);
  const inner = typeof n.style === 'string' && (n.type === 'Container' || n.type === 'Column') ? [...styles, n.style] : styles;
  for (const [key, value] of Object.entries(n)) if (key !== 'refresh') walk(value, visit, inner);
}

/**
 * A label states the field's maximum: its maxLength, or, for a field of one item per line, the
 * maximum per item (the total maxLength there only guards the message size).
 */
function statesMaximum(label: string, maxLength: unknown): boolean {
  return (
    label.includes(String(maxLength)) || /\d+ (tekens |characters )?(per regel|per line)|(elk ten hoogste|each at most) \d+/.test(label)
  );
}

/** Every input has a label; a required one says what is missing; a length limit is in its label. */
export function inputProblems(card: Card): string[] {
  const out: string[] = [];
  for (const input of findAll(card, (n) => typeof n.type === 'string' && n.type.startsWith('Input.'))) {
    const id = `${input.type} '${input.id}'`;
    if (!nonEmpty(input.label)) out.push(`${id} has no label`);
    if (input.isRequired && !nonEmpty(input.errorMessage)) out.push(`${id} is required but has no errorMessage`);
    if (input.type === 'Input.Text' && input.maxLength !== undefined && !statesMaximum(String(input.label ?? ''), input.maxLength))
      out.push(`${id}: its label does not state its maximum ${input.maxLength}: ${input.label}`);
    if (input.type === 'Input.Toggle' && !nonEmpty(input.title)) out.push(`${id} has no title`);
    for (const choice of (input.choices as Node[] | undefined) ?? [])
      if (!nonEmpty(choice.title)) out.push(`${id} has a choice without a title (${choice.value})`);
  }
  return out;
}

/** Every image has a text alternative; every chart a title (its text alternative in Teams). */
export function imageProblems(card: Card): string[] {
  const out: string[] = [];
  for (const image of findAll(card, (n) => n.type === 'Image')) if (!nonEmpty(image.altText)) out.push(`Image ${image.url} has no altText`);
  for (const chart of findAll(card, (n) => typeof n.type === 'string' && n.type.startsWith('Chart.')))
    if (!nonEmpty(chart.title)) out.push(`${chart.type} has no title`);
  return out;
}

/**
 * Colour and contrast. Text has no colour of its own: Teams guarantees contrast only for its default
 * foreground, on every container style, in the light, dark and high-contrast themes; `light` is
 * nearly invisible on white, and good/attention/warning text on a tinted container is the pairing
 * with the least contrast. A container that means something by its style (good, attention, warning)
 * says it in words: it holds text of its own, in the normal (not subtle) foreground.
 *
 * `isSubtle` (greyed) text is for hints only: never on a coloured or emphasis container (grey on a
 * tint loses contrast, in the dark theme most), and never on what a person typed (an argument, a
 * reason, a title): that is content, and the table must be able to read it.
 */
export function colourProblems(card: Card): string[] {
  const out: string[] = [];
  walk(card.body ?? [], (n, styles) => {
    if ((n.type === 'TextBlock' || n.type === 'TextRun') && n.color !== undefined && String(n.color).toLowerCase() !== 'default')
      out.push(`${n.type} has color ${n.color}: ${textOf(n).slice(0, 60)}`);
    const block = n.type === 'TextBlock' || n.type === 'RichTextBlock';
    const subtle = n.isSubtle === true || (n.type === 'RichTextBlock' && ((n.inlines as Node[]) ?? []).some((r) => r?.isSubtle));
    if (block && subtle) {
      const tinted = styles.filter((s) => s !== 'default');
      if (tinted.length > 0) out.push(`subtle text on a ${tinted.join('/')} container: ${textOf(n).slice(0, 60)}`);
      if (USER_TEXT.test(textOf(n))) out.push(`subtle text holds what a person typed: ${textOf(n).slice(0, 60)}`);
    }
    if (n.type === 'Container' && STATUS_STYLES.includes(n.style)) {
      const words = findAll(n.items ?? [], (x) => x.type === 'RichTextBlock' || x.type === 'TextBlock')
        .filter((x) => x.isSubtle !== true)
        .map(textOf)
        .join(' ');
      if (words.trim() === '') out.push(`a ${n.style} container says nothing in words: its colour alone carries the meaning`);
    }
  });
  return out;
}

/** Every button says what it does and does something: a known verb, a link, a card, a target. */
export function actionProblems(card: Card): string[] {
  const out: string[] = [];
  const ids = new Set(findAll(card, (n) => typeof n.id === 'string').map((n) => n.id));
  const verbs = new Set<string>(Object.values(VERB));
  const { refresh, ...shown } = card;
  for (const action of findAll(shown, (n) => typeof n.type === 'string' && n.type.startsWith('Action.'))) {
    const title = String(action.title ?? '');
    if (!nonEmpty(title)) out.push(`${action.type} (${action.verb ?? action.url ?? ''}) has no title`);
    else if (VAGUE.test(title.trim())) out.push(`${action.type} '${title}' does not say what it does`);
    if (action.type === 'Action.Submit') out.push(`Action.Submit '${title}': Teams answers it without the bot's card (use Action.Execute)`);
    if (action.type === 'Action.Execute' && !verbs.has(action.verb))
      out.push(`Action.Execute '${title}' has an unknown verb '${action.verb}'`);
    if (action.type === 'Action.OpenUrl' && !/^https:\/\//.test(String(action.url ?? '')))
      out.push(`Action.OpenUrl '${title}' opens no https link: ${action.url}`);
    if (action.type === 'Action.ShowCard' && !action.card) out.push(`Action.ShowCard '${title}' shows no card`);
    if (action.type === 'Action.ToggleVisibility')
      for (const target of (action.targetElements as unknown[]) ?? []) {
        const id = typeof target === 'string' ? target : (target as Node).elementId;
        if (!ids.has(id)) out.push(`Action.ToggleVisibility '${title}' targets '${id}', which is not in the card`);
      }
  }
  if (refresh?.action && !verbs.has(refresh.action.verb)) out.push(`the refresh has an unknown verb '${refresh.action.verb}'`);
  return out;
}

function textOf(n: Node): string {
  if (n.type === 'TextRun') return String(n.text ?? '');
  return blockText(n);
}

/** All problems of one card, each prefixed with the card's name. */
export function accessibilityProblems(name: string, card: Card): string[] {
  return [...inputProblems(card), ...imageProblems(card), ...colourProblems(card), ...actionProblems(card)].map((p) => `${name}: ${p}`);
}
