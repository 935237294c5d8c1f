import type { Language } from '../domain';
import { t } from '../i18n';
import { bold, heading, rich } from './rich-text';

/** The commands as the user types them, with the English alias beside the Dutch one. */
const COMMANDS = [
  ['start', 'start', 'help.cmd.start'],
  ['status', 'status', 'help.cmd.status'],
  ['volgende', 'next', 'help.cmd.next'],
  ['ronde 1 | 2 | 3', 'round 1 | 2 | 3', 'help.cmd.round'],
  ['onthul', 'reveal', 'help.cmd.reveal'],
  ['gespreksleider @naam', 'facilitator @name', 'help.cmd.leader'],
  ['coleider @naam', 'cofacilitator @name', 'help.cmd.colead'],
  ['notulist @naam', 'notetaker @name', 'help.cmd.notetaker'],
  ['gast Naam', 'guest Name', 'help.cmd.guest'],
  ['stille ronde', 'silent round', 'help.cmd.silentRound'],
  ['sluit', 'close', 'help.cmd.close'],
  ['conclusie tekst', 'conclusion text', 'help.cmd.conclusion'],
  ['notitie tekst', 'note text', 'help.cmd.note'],
  ['timer 5', 'timer 5', 'help.cmd.timer'],
  ['taal nl | en', 'language en | nl', 'help.cmd.language'],
  ['knoppen', 'controls', 'controls.help'],
  ['model', 'board', 'help.cmd.board'],
  ['samenvatting', 'summary', 'help.cmd.summary'],
  ['koppel KX7-M4P', 'link KX7-M4P', 'link.help'],
  ['wis', 'erase', 'erase.help'],
  ['stop', 'stop', 'help.cmd.stop'],
  ['sessie nieuw titel', 'session new title', 'session.help'],
  ['totaalbeeld', 'overview', 'overview.help'],
  ['help', 'help', 'help.cmd.help'],
] as const;

export function helpView(lang: Language) {
  return {
    heading: heading(t(lang, 'help.title'), 'Large'),
    intro: rich(lang, 'help.intro'),
    leaderHeading: bold(t(lang, 'help.leaderHeading')),
    commands: COMMANDS.map(([nlCommand, enCommand, key]) => ({
      command: lang === 'en' ? enCommand : nlCommand,
      description: t(lang, key),
    })),
    participantHeading: bold(t(lang, 'help.participantHeading')),
    participantText: rich(lang, 'help.participantText'),
    mentionHint: rich(lang, 'help.mentionHint'),
  };
}
