import { parseCommand } from '../../../src/teams/routing/commands';
import type { Mention } from '../../../src/teams/routing/activity-text';

const ANNA: Mention = { channelUserId: '29:anna', name: 'Anna' };

/** A message as the bot reads it: the command's name and its arguments, or undefined for no command. */
function read(text: string, mention?: Mention): [string, unknown] | undefined {
  const found = parseCommand(text, mention);
  return found && [found.spec.name, found.args];
}

describe('chat commands, read once for the table and the session alike', () => {
  it.each<[string, [string, unknown] | undefined]>([
    // The session's
    ['sessie nieuw Wijkgesprek  Noord', ['sessionNew', { title: 'Wijkgesprek  Noord' }]],
    ['session new', ['sessionNew', { title: '' }]],
    ['Sessie Nieuw', ['sessionNew', { title: '' }]],
    ['sessie', ['sessionInfo', {}]],
    ['sessie code', ['sessionInfo', {}]],
    ['sessie KX7-M4P', ['sessionInfo', { code: 'KX7-M4P' }]],
    ['sessie iets anders', ['sessionInfo', {}]],
    ['sessie wis', ['sessionErase', {}]],
    ['session erase', ['sessionErase', {}]],
    ['sessie wis kx7 m4p', ['sessionErase', { code: 'kx7 m4p' }]],
    ['sessie totaalbeeld', ['overview', {}]],
    ['totaalbeeld', ['overview', {}]],
    ['overview KX7-M4P', ['overview', { code: 'KX7-M4P' }]],
    ['koppel KX7-M4P', ['link', { code: 'KX7-M4P' }]],
    ['link kx7 m4p', ['link', { code: 'kx7 m4p' }]],
    ['koppel', ['link', { code: '' }]],
    ['start KX7-M4P', ['startWithCode', { code: 'KX7-M4P' }]],
    ['start kx7m4p Tafel Noord', ['startWithCode', { code: 'kx7m4p', title: 'Tafel Noord' }]],
    ['start kx7 m4p', ['startWithCode', { code: 'kx7 m4p' }]],
    ['begin KX7-M4P', ['startWithCode', { code: 'KX7-M4P' }]],
    ['wis', ['erase', {}]],
    ['erase', ['erase', {}]],
    // Ordinary titles never read as a code: a code has a digit and only its own letters.
    ['start Tafel Noord', ['start', { title: 'Tafel Noord' }]],
    ['start', ['start', { title: '' }]],
    ['start Marktp', ['start', { title: 'Marktp' }]],
    // The table's
    ['volgende', ['next', {}]],
    ['Volgende fase', ['next', {}]],
    ['/next', ['next', {}]],
    ['help', ['help', {}]],
    ['?', ['help', {}]],
    ['status graag', ['status', {}]],
    ['ronde 2', ['round', { round: 2 }]],
    ['round 3', ['round', { round: 3 }]],
    ['stille ronde', ['silentRound', {}]],
    ['Silent Round', ['silentRound', {}]],
    ['gast  Gijs  van Dam', ['guest', { name: 'Gijs  van Dam' }]],
    ['gast Gijs van Dam, met naam', ['guest', { name: 'Gijs van Dam', nameConsent: true }]],
    ['gast Gijs van Dam,  Zonder  Naam ', ['guest', { name: 'Gijs van Dam', nameConsent: false }]],
    ['guest Gijs van Dam, named', ['guest', { name: 'Gijs van Dam', nameConsent: true }]],
    ['gast Dam, Gijs van', ['guest', { name: 'Dam, Gijs van' }]],
    ['conclusie : We rekenen\nhet buurthuis mee', ['conclusion', { text: 'We rekenen\nhet buurthuis mee' }]],
    ['notitie', ['note', { text: '' }]],
    ['timer 5', ['timer', { minutes: 5 }]],
    ['sluit', ['close', {}]],
    ['samenvatting', ['summary', {}]],
    ['model', ['board', {}]],
    // No command: help says so.
    ['wis alles', undefined],
    ['ronde 4', undefined],
    ['ronde', undefined],
    ['vorige', undefined],
    ['', undefined],
  ])('%p → %p', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('a timer takes one whole number of minutes; anything else reaches the rules as not-a-number', () => {
    expect(read('timer vijf')).toEqual(['timer', { minutes: Number.NaN }]);
    expect(read('timer 5 minuten')).toEqual(['timer', { minutes: Number.NaN }]);
  });

  it('leiders and the notulist are named by @mention; without one the rules answer that it is unclear who', () => {
    expect(read('gespreksleider Anna', ANNA)).toEqual(['handOver', { to: ANNA }]);
    expect(read('coleider', ANNA)).toEqual(['addCoLead', { to: ANNA }]);
    expect(read('notulist')).toEqual(['notetaker', { to: { name: '' } }]);
  });

  it('a co-organiser is named by @mention', () => {
    expect(read('sessie mede-organisator', ANNA)).toEqual(['coOrganiser', { mention: ANNA }]);
    expect(read('session coorganiser')).toEqual(['coOrganiser', {}]);
  });

  it('a co-organiser with a code: the mention’s name may stand before or after it (Teams leaves it where it was typed)', () => {
    expect(read(`sessie mede-organisator ${ANNA.name} KX7-M4P`, ANNA)).toEqual(['coOrganiser', { mention: ANNA, code: 'KX7-M4P' }]);
    expect(read(`sessie mede-organisator kx7 m4p ${ANNA.name}`, ANNA)).toEqual(['coOrganiser', { mention: ANNA, code: 'kx7 m4p' }]);
    expect(read(`sessie mede-organisator ${ANNA.name}`, ANNA)).toEqual(['coOrganiser', { mention: ANNA }]);
  });
});
