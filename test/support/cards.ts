/**
 * Reading Adaptive Cards the way a user sees them: the text of each block, the buttons, the inputs.
 * The end-to-end tests assert on these, never on the exact JSON layout of a template.
 */
import type { ConnectorCall } from './connector-stand-in';

export type Card = Record<string, any>;

/** Every node in a card (depth first, in document order) for which `pick` is true. */
export function findAll(node: unknown, pick: (n: Record<string, any>) => boolean): Record<string, any>[] {
  const found: Record<string, any>[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const obj = x as Record<string, any>;
    if (pick(obj)) found.push(obj);
    for (const v of Object.values(obj)) walk(v);
  };
  walk(node);
  return found;
}

/** The text of one RichTextBlock or TextBlock, its runs joined as they are rendered. */
export function blockText(block: Record<string, any>): string {
  if (block.type === 'TextBlock') return String(block.text ?? '');
  const inlines = Array.isArray(block.inlines) ? block.inlines : [];
  return inlines.map((r: unknown) => (typeof r === 'string' ? r : String((r as { text?: unknown }).text ?? ''))).join('');
}

/** The text blocks of a card, in order; one string per block. */
export function blocks(card: Card | undefined): string[] {
  if (!card) return [];
  return findAll(card.body ?? [], (n) => n.type === 'RichTextBlock' || n.type === 'TextBlock').map(blockText);
}

/** All visible text of a card, one block per line. */
export function cardText(card: Card | undefined): string {
  return blocks(card).join('\n');
}

/** The first block: every card of this bot opens with its heading. */
export function headingOf(card: Card | undefined): string {
  return blocks(card)[0] ?? '';
}

/**
 * Every button anywhere in the card (card actions and ActionSets): refresh excluded, and so is what a
 * tap on the model picture does (its selectAction, which opens it at full size; see pictureTapOf).
 */
export function actionsOf(card: Card | undefined): Record<string, any>[] {
  if (!card) return [];
  const { refresh: _refresh, ...rest } = card;
  const taps = new Set(pictureTapsOf(card));
  return findAll(rest, (n) => typeof n.type === 'string' && n.type.startsWith('Action.') && !taps.has(n));
}

/** What tapping an image of the card does (its selectAction), one per image that has one. */
export function pictureTapsOf(card: Card | undefined): Record<string, any>[] {
  if (!card) return [];
  return findAll(card, (n) => n.type === 'Image' && n.selectAction !== undefined).map((n) => n.selectAction);
}

export function actionByVerb(card: Card | undefined, verb: string): Record<string, any> | undefined {
  return actionsOf(card).find((a) => a.verb === verb);
}

/** The inputs of a form by id. */
export function inputsOf(card: Card | undefined): Record<string, Record<string, any>> {
  const out: Record<string, Record<string, any>> = {};
  for (const input of findAll(card ?? {}, (n) => typeof n.type === 'string' && n.type.startsWith('Input.'))) out[String(input.id)] = input;
  return out;
}

/** The rows of a status card: label → value. */
export function rowsOf(card: Card | undefined): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const set of findAll(card ?? {}, (n) => n.type === 'ColumnSet')) {
    const [label, value] = (set.columns as Record<string, any>[]).map((c) => blocks({ body: c.items }).join(' '));
    if (label !== undefined) rows[label] = value ?? '';
  }
  return rows;
}

/** The card an outgoing message or update carries. */
export function cardOfCall(call: ConnectorCall | undefined): Card | undefined {
  const attachment = call?.body?.attachments?.[0];
  return attachment?.contentType === 'application/vnd.microsoft.card.adaptive' ? attachment.content : undefined;
}

export interface RevealGroup {
  /** The card's title. */
  title: string;
  /** "hoort erbij: 1 · twijfel: 2" (roles nobody chose are left out) */
  counts: string;
  /** "Hoort erbij — Anna" with the argument below it. */
  entries: Array<{ label: string; argument: string }>;
}

/** The reveal card read as the groups a user sees: one per card, each pick with who and why. */
export function revealGroups(card: Card | undefined): RevealGroup[] {
  // Each picked card is an emphasis container, also those folded behind "Toon alles"; its entries
  // (a label and an argument each) are folded behind "Toon argumenten" inside it.
  const groups = findAll(card?.body ?? [], (n) => n.type === 'Container' && n.style === 'emphasis');
  return groups.map((g) => {
    const items = g.items as Record<string, any>[];
    const texts = items.filter((i) => i.type === 'RichTextBlock').map(blockText);
    const entries = findAll(
      items,
      (n) => n.type === 'Container' && Array.isArray(n.items) && n.items.every((i: Record<string, any>) => i.type === 'RichTextBlock'),
    );
    return {
      title: texts[0] ?? '',
      counts: texts[1] ?? '',
      entries: entries.map((e) => {
        const [label, argument] = blocks({ body: e.items });
        return { label: label ?? '', argument: argument ?? '' };
      }),
    };
  });
}
