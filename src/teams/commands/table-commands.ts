import type { Command } from '../../domain';
import { t } from '../../i18n';
import { chatCommand, type CommandInput } from '../routing/command-spec';
import { askStarterConsent, openTable, runAtTable } from './command-turns';

/** A command that runs one domain command at the table and says nothing else. */
function ruled<N extends string, A>(spec: {
  name: N;
  words: { nl: ReadonlyArray<string>; en: ReadonlyArray<string> };
  who: 'leader' | 'notetaker';
  args: (input: CommandInput) => A | undefined;
  command: (args: A) => Command;
}) {
  return chatCommand({ ...spec, phases: 'any', handle: (turn, _args: A, command: Command) => runAtTable(turn, command) });
}

/** Words after the command are ignored: "volgende fase" and "status graag" still mean the command. */
const none = () => ({});

/** Without a mention the core still checks the role first, then answers that it is unclear who is meant. */
function person({ mention }: CommandInput) {
  return { to: mention ? { channelUserId: mention.channelUserId, name: mention.name } : { name: '' } };
}

/** `taal en`, `taal Engels`, `language dutch`: the language's code, or the word as typed. */
function languageWord(word: string): string {
  const w = word.trim().toLowerCase();
  if (['en', 'engels', 'english', 'eng'].includes(w)) return 'en';
  if (['nl', 'nederlands', 'dutch', 'ned'].includes(w)) return 'nl';
  return w;
}

/** The rest of the line, without a colon after the command word. */
/**
 * `gast Karel Kleefstra, met naam`: the guest's name, and after a last comma whether the guest agreed
 * to be named in the report (`met naam` / `zonder naam`, `named` / `unnamed`). Without it: not asked.
 */
const GUEST_CONSENT_WORDS: Record<string, boolean> = {
  'met naam': true,
  'zonder naam': false,
  named: true,
  'with name': true,
  unnamed: false,
  'without name': false,
};

export function guestArgs(text: string): { name: string; nameConsent?: boolean } {
  const comma = text.lastIndexOf(',');
  const said =
    comma >= 0
      ? GUEST_CONSENT_WORDS[
          text
            .slice(comma + 1)
            .trim()
            .toLowerCase()
            .replace(/\s+/g, ' ')
        ]
      : undefined;
  return said === undefined ? { name: text } : { name: text.slice(0, comma).trim(), nameConsent: said };
}

function textAfter({ restText }: CommandInput) {
  return { text: restText.replace(/^[\s:]+/, '') };
}

export const tableCommands = [
  chatCommand({
    name: 'start',
    words: { nl: ['start', 'begin'], en: ['start'] },
    who: 'anyone',
    phases: 'any',
    args: ({ rest }) => ({ title: rest.join(' ').trim() }),
    async handle(turn, { title }) {
      const started = await turn.deps.runner.start(turn.key, turn.actor, {
        ...(title ? { title } : {}),
        defaultTitle: t(turn.lang, 'welcome.defaultTitle'),
        maxParticipants: turn.deps.settings.maxParticipants,
        language: turn.lang,
        deck: turn.deps.settings.deck,
      });
      if (started.type === 'exists') {
        if (await turn.mayInform(false)) await turn.notify('error.tableExists', { title: started.state.title });
        return;
      }
      await openTable(turn, started.state);
      await askStarterConsent(turn, started.state);
    },
  }),
  ruled({
    name: 'next',
    words: { nl: ['volgende', 'verder'], en: ['next'] },
    who: 'leader',
    args: none,
    command: () => ({ type: 'next' }),
  }),
  ruled({
    name: 'round',
    words: { nl: ['ronde'], en: ['round'] },
    who: 'leader',
    args: ({ rest }) =>
      rest.length === 1 && (rest[0] === '1' || rest[0] === '2' || rest[0] === '3') ? { round: Number(rest[0]) as 1 | 2 | 3 } : undefined,
    command: ({ round }) => ({ type: 'goToRound', round }),
  }),
  ruled({
    name: 'reveal',
    words: { nl: ['onthul', 'onthullen'], en: ['reveal'] },
    who: 'leader',
    args: none,
    command: () => ({ type: 'reveal' }),
  }),
  ruled({
    name: 'handOver',
    words: { nl: ['gespreksleider', 'leider'], en: ['facilitator', 'leader'] },
    who: 'leader',
    args: person,
    command: ({ to }) => ({ type: 'handOver', to }),
  }),
  ruled({
    name: 'addCoLead',
    words: { nl: ['coleider', 'co-leider'], en: ['cofacilitator', 'co-facilitator', 'coleader', 'co-leader'] },
    who: 'leader',
    args: person,
    command: ({ to }) => ({ type: 'addCoLead', to }),
  }),
  ruled({
    name: 'notetaker',
    words: { nl: ['notulist'], en: ['notetaker'] },
    who: 'leader',
    args: person,
    command: ({ to }) => ({ type: 'setNotetaker', to }),
  }),
  ruled({
    name: 'guest',
    words: { nl: ['gast'], en: ['guest'] },
    who: 'leader',
    args: ({ restText }) => guestArgs(restText.replace(/^[\s:]+/, '')),
    command: ({ name, nameConsent }) => ({ type: 'addGuest', name, ...(nameConsent !== undefined ? { nameConsent } : {}) }),
  }),
  ruled({
    name: 'silentRound',
    words: { nl: ['stille ronde', 'stille keuze'], en: ['silent round'] },
    who: 'leader',
    args: none,
    command: () => ({ type: 'openPickRound' }),
  }),
  ruled({
    name: 'close',
    words: { nl: ['sluit', 'sluiten'], en: ['close'] },
    who: 'leader',
    args: none,
    command: () => ({ type: 'close' }),
  }),
  ruled({
    name: 'conclusion',
    words: { nl: ['conclusie'], en: ['conclusion'] },
    who: 'notetaker',
    args: textAfter,
    command: ({ text }) => ({ type: 'addConclusion', text }),
  }),
  ruled({
    name: 'note',
    words: { nl: ['notitie'], en: ['note'] },
    who: 'notetaker',
    args: textAfter,
    command: ({ text }) => ({ type: 'addNote', text }),
  }),
  ruled({
    name: 'timer',
    words: { nl: ['timer'], en: ['timer'] },
    who: 'leader',
    // Anything but one number of minutes reaches the core as not-a-number, which says what it takes.
    args: ({ rest }) => ({ minutes: rest.length === 1 && /^\d{1,4}$/.test(rest[0]!) ? Number(rest[0]) : Number.NaN }),
    command: ({ minutes }) => ({ type: 'startTimer', minutes }),
  }),
  ruled({
    name: 'language',
    words: { nl: ['taal'], en: ['language'] },
    who: 'leader',
    // Anything else reaches the core as typed, which names the languages it speaks.
    args: ({ rest }) => ({ language: languageWord(rest.join(' ')) }),
    command: ({ language }) => ({ type: 'setLanguage', language }),
  }),
  ruled({
    name: 'stop',
    words: { nl: ['stop', 'einde', 'afsluiten'], en: ['stop', 'end'] },
    who: 'leader',
    args: none,
    command: () => ({ type: 'stop' }),
  }),
] as const;
