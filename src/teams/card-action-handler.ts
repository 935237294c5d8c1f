import type { TurnContext } from 'botbuilder';
import { currentPickRound, findParticipant, own, type Actor, type Language, type PickSet, type TableState } from '../domain';
import { languageOf } from '../i18n';
import {
  errorMessage,
  introView,
  noticeView,
  pickFormView,
  picksSavedView,
  renderCard,
  round1View,
  valuesOf,
  welcomeView,
  type AdaptiveCard,
  type Message,
  type PickFormValues,
} from '../views';
import { actorOf, tableKeyOf } from './activity-identity';
import { parseCardAction, type CardAction } from './card-actions';
import type { BotDeps } from './deps';
import { publish } from './effects';
import type { RunError } from './table-runner';

type Extract<V extends CardAction['verb']> = Extract_<CardAction, V>;
type Extract_<T, V> = T extends { verb: V } ? T : never;

/**
 * A button on a card (Universal Actions). The answer is the card that this user, and only this
 * user, sees in place of the one they pressed: that is how picks stay private in a shared chat.
 */
export async function handleCardAction(context: TurnContext, deps: BotDeps): Promise<AdaptiveCard> {
  const lang = languageOf(context.activity.locale);
  const parsed = parseCardAction(context.activity.value);
  if (!parsed.ok) return notice(lang, { key: 'error.badCardData' });
  const key = tableKeyOf(context.activity);
  const actor = actorOf(context.activity);
  const action = parsed.action;
  const state = await deps.runner.get(key);
  if (!state) return notice(lang, { key: 'error.noTable' });
  const h = new ActionContext(context, deps, lang, actor, state);

  switch (action.verb) {
    case 'join':
      return h.join();
    case 'welcome.view':
      return h.welcome(state);
    case 'consent.set':
      return h.consent(action.consent);
    case 'intro.open':
      return h.introForm();
    case 'intro.submit':
      return h.introSubmit(action);
    case 'picks.open':
      return h.picksOpen(action.round);
    case 'picks.submit':
      return h.picksSubmit(action);
    default: {
      const never: never = action;
      throw new Error(`Unhandled verb ${JSON.stringify(never)}`);
    }
  }
}

function notice(lang: Language, message: Message): AdaptiveCard {
  return renderCard('notice', noticeView(lang, message.key, message.params, 'attention'));
}

class ActionContext {
  private readonly key;

  constructor(
    private readonly context: TurnContext,
    private readonly deps: BotDeps,
    private readonly lang: Language,
    private readonly actor: Actor,
    private readonly state: TableState,
  ) {
    this.key = tableKeyOf(context.activity);
  }

  private async run(command: Parameters<BotDeps['runner']['run']>[2]) {
    const result = await this.deps.runner.run(this.key, this.actor, command);
    if (result.type === 'ok') await publish(this.context, this.key, result.state, result.events, this.deps);
    return result;
  }

  private error(result: RunError): Message {
    return errorMessage(result, this.lang, result.state ?? this.state);
  }

  welcome(state: TableState, error?: Message): AdaptiveCard {
    const viewer = findParticipant(state, this.actor);
    return renderCard('welcome', welcomeView(state, this.lang, {
      retentionDays: this.deps.settings.retentionDays,
      ...(viewer ? { viewer } : {}),
      ...(error ? { error } : {}),
    }));
  }

  async join(): Promise<AdaptiveCard> {
    const result = await this.run({ type: 'join' });
    if (result.type === 'ok') return this.welcome(result.state);
    // Pressing "Doe mee" twice is not a mistake: show the participant their own view again.
    if (result.code === 'alreadyJoined') return this.welcome(result.state ?? this.state);
    return this.welcome(result.state ?? this.state, this.error(result));
  }

  async consent(consent: boolean): Promise<AdaptiveCard> {
    const result = await this.run({ type: 'setNameConsent', consent });
    if (result.type === 'ok') return this.welcome(result.state);
    return this.welcome(result.state ?? this.state, this.error(result));
  }

  introForm(): AdaptiveCard {
    const me = findParticipant(this.state, this.actor);
    if (!me) return renderCard('intro', introView(this.state, this.lang, { type: 'shared', error: { key: 'error.notParticipant' } }));
    return renderCard('intro', introView(this.state, this.lang, { type: 'form' }, own(this.state.intro, me.id)));
  }

  async introSubmit(action: Extract<'intro.submit'>): Promise<AdaptiveCard> {
    const values = { ...(action.role !== undefined ? { role: action.role } : {}), ...(action.involvement !== undefined ? { involvement: action.involvement } : {}) };
    const result = await this.run({ type: 'answerIntro', ...values });
    if (result.type === 'ok') return renderCard('intro', introView(result.state, this.lang, { type: 'saved' }));
    const state = result.state ?? this.state;
    if (result.code === 'notParticipant') return renderCard('intro', introView(state, this.lang, { type: 'shared', error: this.error(result) }));
    return renderCard('intro', introView(state, this.lang, { type: 'form', values, error: this.error(result) }));
  }

  picksOpen(roundNumber: number): AdaptiveCard {
    const round = currentPickRound(this.state);
    const me = findParticipant(this.state, this.actor);
    if (!me) return renderCard('round1', round1View(this.state, this.lang, roundNumber, { key: 'error.notParticipant' }));
    if (!round || round.number !== roundNumber || round.revealedAt !== undefined) return this.closedRound(roundNumber, me.id);
    return renderCard('pick-form', pickFormView(this.state, this.lang, round.number, valuesOf(own(round.picks, me.id))));
  }

  async picksSubmit(action: Extract<'picks.submit'>): Promise<AdaptiveCard> {
    const values: PickFormValues = {
      in: { cardId: action.inCard ?? '', argument: action.inArgument ?? '' },
      out: { cardId: action.outCard ?? '', argument: action.outArgument ?? '' },
      doubt: { cardId: action.doubtCard ?? '', argument: action.doubtArgument ?? '' },
    };
    const picks = values as PickSet;
    const result = await this.run({ type: 'submitPicks', round: action.round, picks });
    if (result.type === 'ok') {
      const me = findParticipant(result.state, this.actor);
      const round = result.state.pickRounds.find((r) => r.number === action.round);
      const submitted = me && round && own(round.picks, me.id);
      if (submitted) return renderCard('picks-saved', picksSavedView(result.state, this.lang, action.round, submitted, false));
    }
    const state = result.state ?? this.state;
    if (result.type === 'error') {
      if (result.code === 'roundClosed' || result.code === 'unknownRound' || result.code === 'wrongPhase') {
        const me = findParticipant(state, this.actor);
        return this.closedRound(action.round, me?.id, this.error(result), state);
      }
      if (result.code === 'notParticipant') return renderCard('round1', round1View(state, this.lang, action.round, this.error(result)));
      // Keep everything the participant typed, so fixing one field does not mean typing it all again.
      return renderCard('pick-form', pickFormView(state, this.lang, action.round, values, this.error(result)));
    }
    return notice(this.lang, { key: 'error.unexpected' });
  }

  /** A round that no longer takes picks: the participant's own (frozen) picks, or why not. */
  private closedRound(roundNumber: number, userId: string | undefined, error?: Message, state = this.state): AdaptiveCard {
    const round = state.pickRounds.find((r) => r.number === roundNumber);
    const submitted = userId && round && own(round.picks, userId);
    if (round && submitted) return renderCard('picks-saved', picksSavedView(state, this.lang, round.number, submitted, round.revealedAt !== undefined));
    return renderCard('round1', round1View(state, this.lang, roundNumber, error ?? { key: 'error.roundClosed' }));
  }
}
