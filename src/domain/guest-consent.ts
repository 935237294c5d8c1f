import type { Command } from './commands';
import { ok, type DecideResult } from './decision';
import { fail } from './errors';
import { setNameConsent } from './participants';
import type { Actor, TableState } from './types';

/** The commands a leider may enter for a guest, and so record the guest's consent with. */
export type GuestInput = Extract<Command, { guestConsent?: boolean }>;

/**
 * Input for a guest and the guest's answer whether their name may appear in the report, in one step:
 * both or neither. The consent rides only on input entered for someone else (`onBehalfOf`), which
 * `subjectOf` allows a leider for a guest and nobody else: a participant never sets another's consent,
 * and gives their own on the welcome card. `enter` decides the input itself.
 */
export function withGuestConsent(
  state: TableState,
  actor: Actor,
  command: GuestInput,
  enter: (state: TableState) => DecideResult,
): DecideResult {
  if (command.guestConsent === undefined) return enter(state);
  if (command.onBehalfOf === undefined) return fail('consentForGuestOnly');
  const entered = enter(state);
  if (entered.type === 'error') return entered;
  const consent = setNameConsent(entered.state, actor, command.guestConsent, command.onBehalfOf);
  if (consent.type === 'error') return consent;
  return ok(consent.state, ...entered.events, ...consent.events);
}
