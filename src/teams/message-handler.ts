import { TurnContext } from 'botbuilder';
import { groupView, isLeader, type Command, type TableState } from '../domain';
import { languageOf, messageOf, t, textOf, type Message, type MessageKey, type ParamArgs } from '../i18n';
import { boardView, errorMessage, helpView, noticeView, renderCard, statusView, welcomeView, type NoticeStyle } from '../views';
import { postMarkdownSummary } from './summary-post';
import { askLeaderConsent } from './leader-consent';
import { actorOf, tableKeyOf } from './activity-identity';
import { commandText, firstMention } from './activity-text';
import { parseChatCommand, type ChatCommand } from './chat-command';
import type { BotDeps } from './deps';
import { publish, refNames } from './effects';
import { handleSessionMessage } from './session-handler';
import { mayAnswer } from './fair-share';
import { post } from './outbound';

/** A chat message: a command from the gespreksleider (or anyone asking for help or status). */
export async function handleMessage(context: TurnContext, deps: BotDeps): Promise<void> {
  const activity = context.activity;
  const text = commandText(activity);
  // A message without text is a card submit from an old client or an attachment: nothing to do.
  if (!text) return;
  const lang = languageOf(activity.locale);
  // The organiser's session (sessie, koppel, totaalbeeld, wis, start <code>) before the table's commands.
  if (await handleSessionMessage(context, deps, text)) return;
  const command = parseChatCommand(text, firstMention(activity));
  const noticeOf = (message: Message, style: NoticeStyle = 'attention') =>
    post(context, renderCard('notice', noticeView(lang, message, style)), textOf(lang, message));
  const notice = <K extends MessageKey>(key: K, ...args: ParamArgs<K, [style?: NoticeStyle]>) => noticeOf(messageOf(key, ...args), args[1]);
  const key = tableKeyOf(activity);
  const actor = actorOf(activity);
  // An answer that only informs the asker: a leider's always, anyone else's within their allowance.
  const mayInform = (state: TableState | undefined) => mayAnswer(context, deps, { steers: state !== undefined && isLeader(state, actor) });

  switch (command.type) {
    case 'help':
    case 'unknown':
      if (!(await mayInform(await deps.runner.get(key)))) return;
      await post(context, renderCard('help', helpView(lang, command.type === 'unknown')), t(lang, 'help.title'));
      return;
    case 'status': {
      const state = await deps.runner.get(key);
      if (!(await mayInform(state))) return;
      if (!state) return void (await notice('error.noTable'));
      await post(context, renderCard('status', statusView(groupView(state), lang)), t(lang, 'status.title', { title: state.title }));
      return;
    }
    case 'start': {
      const started = await deps.runner.start(key, actor, {
        ...(command.title ? { title: command.title } : {}),
        defaultTitle: t(lang, 'welcome.defaultTitle'),
        maxParticipants: deps.settings.maxParticipants,
        language: lang,
        deck: deps.settings.deck,
      });
      if (started.type === 'exists') {
        if (await mayInform(started.state)) await notice('error.tableExists', { title: started.state.title });
        return;
      }
      const card = renderCard('welcome', welcomeView(groupView(started.state), lang, { retentionDays: deps.settings.retentionDays }));
      const id = await post(context, card, started.state.title);
      if (id) await deps.store.setRef(key, refNames.welcome, id);
      await deps.store.setRef(key, 'conversation', JSON.stringify(TurnContext.getConversationReference(activity)));
      await askLeaderConsent(context, groupView(started.state), actor);
      return;
    }
    case 'summary': {
      const state = await deps.runner.get(key);
      if (!(await mayInform(state))) return;
      if (!state) return void (await notice('error.noTable'));
      await postMarkdownSummary(context, groupView(state));
      // A leider's `samenvatting` also brings the organiser's copy up to date (one message per table).
      if (isLeader(state, actor)) await deps.sessions.channel.shareSummary(key, groupView(state));
      return;
    }
    case 'board': {
      const state = await deps.runner.get(key);
      if (!(await mayInform(state))) return;
      if (!state) return void (await notice('error.noTable'));
      // A fresh copy at the bottom of the chat; from now on that one is kept up to date.
      const id = await post(context, renderCard('board', boardView(groupView(state), state.settings.language)), t(lang, 'board.title'));
      if (id) await deps.store.setRef(key, refNames.board, id);
      return;
    }
    case 'close': {
      const state = await deps.runner.get(key);
      if (!state) {
        if (await mayInform(state)) await notice('error.noTable');
        return;
      }
      return run(state.phase === 'round3' ? { type: 'closeVoting' } : { type: 'closePoll' });
    }
    default:
      return run(toDomainCommand(command));
  }

  async function run(domainCommand: Command): Promise<void> {
    const result = await deps.runner.run(key, actor, domainCommand);
    if (result.type === 'error') {
      // A refusal informs only the sender: a participant typing `volgende` a hundred times is a flood too.
      if (!(await mayInform(result.state))) return;
      const message = errorMessage(result, lang, result.state);
      return void (await noticeOf(message));
    }
    await publish(context, key, result.state, result.events, deps);
  }
}

function toDomainCommand(command: Exclude<ChatCommand, { type: 'help' | 'unknown' | 'status' | 'start' | 'summary' | 'board' | 'close' }>): Command {
  switch (command.type) {
    case 'next':
      return { type: 'next' };
    case 'round':
      return { type: 'goToRound', round: command.round };
    case 'reveal':
      return { type: 'reveal' };
    case 'stop':
      return { type: 'stop' };
    case 'handOver':
    case 'addCoLead':
    case 'notetaker': {
      // Without a mention the core still checks the role first, then answers that it is unclear who is meant.
      const to = command.mention ? { channelUserId: command.mention.channelUserId, name: command.mention.name } : { name: '' };
      return command.type === 'notetaker' ? { type: 'setNotetaker', to } : { type: command.type, to };
    }
    case 'guest':
      return { type: 'addGuest', name: command.name };
    case 'silentRound':
      return { type: 'openPickRound' };
    case 'conclusion':
      return { type: 'addConclusion', text: command.text };
    case 'note':
      return { type: 'addNote', text: command.text };
    case 'timer':
      return { type: 'startTimer', minutes: command.minutes };
    default: {
      const never: never = command;
      throw new Error(`Unhandled chat command ${JSON.stringify(never)}`);
    }
  }
}
