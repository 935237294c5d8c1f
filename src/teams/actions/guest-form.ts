import { guestConsentView, renderCard, VERB, type AdaptiveCard } from '../../views';
import type { ActionContext } from './action-context';

type Node = Record<string, unknown>;

/** The ways back a form has of its own; a guest's form goes back to the guest's message instead. */
const OWN_WAYS_BACK: ReadonlySet<string> = new Set([VERB.picksInfo, VERB.intentionsView]);

function isInput(node: unknown): boolean {
  return !!node && typeof node === 'object' && String((node as Node).type ?? '').startsWith('Input.');
}

function hasInput(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasInput);
  if (!node || typeof node !== 'object') return false;
  return isInput(node) || Object.values(node).some(hasInput);
}

/** An ActionSet with the form's submit button (the positive one). */
function isSubmitSet(node: Node): boolean {
  return node.type === 'ActionSet' && Array.isArray(node.actions) && node.actions.some((a) => (a as Node).style === 'positive');
}

/** `elements` put before the submit button inside the body, where a form has it there; else at the end of the body. */
function beforeSubmit(items: unknown[], elements: unknown[]): unknown[] | undefined {
  const at = items.findIndex((n) => !!n && typeof n === 'object' && isSubmitSet(n as Node));
  if (at >= 0) return [...items.slice(0, at), ...elements, ...items.slice(at)];
  for (const [i, n] of items.entries()) {
    const inner = n && typeof n === 'object' ? (n as Node).items : undefined;
    if (!Array.isArray(inner)) continue;
    const placed = beforeSubmit(inner, elements);
    if (placed) return items.map((m, j) => (j === i ? { ...(m as Node), items: placed } : m));
  }
  return undefined;
}

/**
 * A form a leider fills in for a guest, as that leider gets it: with the guest's consent toggle
 * (prefilled with what was just sent, else the guest's current answer) above its submit button, and
 * "Annuleren" back to the guest's message. The guest is checked against the table, never taken from
 * card data alone; anything else (someone's own form, a card without inputs) comes back unchanged.
 */
export function asGuestForm(a: ActionContext, data: unknown, card: AdaptiveCard): AdaptiveCard {
  const sent = (data ?? {}) as { for?: unknown; guestConsent?: unknown };
  if (typeof sent.for !== 'string' || !sent.for || !a.isLeader || !hasInput(card.body)) return card;
  const guest = a.state.participants.find((p) => p.guest && p.id === sent.for);
  if (!guest) return card;
  const consent = typeof sent.guestConsent === 'boolean' ? sent.guestConsent : guest.nameConsent;
  const part = renderCard('guest-consent', guestConsentView(a.lang, guest, consent));
  const body = (card.body as unknown[] | undefined) ?? [];
  const added = (part.body as unknown[] | undefined) ?? [];
  const actions = ((card.actions as Node[] | undefined) ?? []).filter((x) => !OWN_WAYS_BACK.has(String(x.verb)));
  return {
    ...card,
    body: beforeSubmit(body, added) ?? [...body, ...added],
    actions: [...actions, ...((part.actions as unknown[] | undefined) ?? [])],
  };
}
