import { z } from 'zod';
import { cardInteger } from './card-number';

/**
 * The fields buttons carry, checked at the edge. Lengths are generous bounds against abuse; the
 * rules' own limits (a 500-character argument) are the core's to check, with a message that keeps
 * what was typed. Nothing here says who acts: identity comes from the activity.
 */
export const field = {
  round: cardInteger(1, 50),
  poll: cardInteger(1, 50),
  cardId: z.string().max(100).optional(),
  text: z.string().max(20000).optional(),
  /** A guest the leider fills in for; empty means the acting user. Only a guest id can be named here. */
  forGuest: z.string().max(100).optional(),
  kind: z.enum(['ingredient', 'intention']),
  /** Templating binds booleans as text. */
  flag: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]),
} as const;

/** The fields of a form a leider may fill in for a guest: whom for, and the guest's consent (its toggle). */
export const guestFields = {
  for: field.forGuest,
  guestConsent: field.flag.optional(),
};

/**
 * `{ onBehalfOf, guestConsent }` when a button names a guest, for the domain command. The consent is
 * passed on whenever it was sent: sent without a guest, the rules refuse it.
 */
export function onBehalfOf(forId: string | undefined, guestConsent?: boolean): { onBehalfOf?: string; guestConsent?: boolean } {
  return { ...(forId ? { onBehalfOf: forId } : {}), ...(guestConsent !== undefined ? { guestConsent } : {}) };
}
