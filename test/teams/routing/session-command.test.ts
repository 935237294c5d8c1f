import { parseSessionCommand, type SessionCommand } from '../../../src/teams/routing/session-command';

const ANNA = { channelUserId: '29:anna', name: 'Anna' };

describe('session chat commands', () => {
  const cases: Array<[string, SessionCommand | undefined]> = [
    ['sessie nieuw Wijkgesprek  Noord', { type: 'sessionNew', title: 'Wijkgesprek  Noord' }],
    ['session new', { type: 'sessionNew', title: '' }],
    ['Sessie Nieuw', { type: 'sessionNew', title: '' }],
    ['sessie', { type: 'sessionInfo' }],
    ['sessie code', { type: 'sessionInfo' }],
    ['sessie KX7-M4P', { type: 'sessionInfo', code: 'KX7-M4P' }],
    ['sessie wis', { type: 'sessionErase' }],
    ['session erase', { type: 'sessionErase' }],
    ['sessie wis kx7 m4p', { type: 'sessionErase', code: 'kx7 m4p' }],
    ['sessie totaalbeeld', { type: 'overview' }],
    ['totaalbeeld', { type: 'overview' }],
    ['overview KX7-M4P', { type: 'overview', code: 'KX7-M4P' }],
    ['koppel KX7-M4P', { type: 'link', code: 'KX7-M4P' }],
    ['link kx7 m4p', { type: 'link', code: 'kx7 m4p' }],
    ['koppel', { type: 'link', code: '' }],
    ['start KX7-M4P', { type: 'startWithCode', code: 'KX7-M4P' }],
    ['start kx7m4p Tafel Noord', { type: 'startWithCode', code: 'kx7m4p', title: 'Tafel Noord' }],
    ['start kx7 m4p', { type: 'startWithCode', code: 'kx7 m4p' }],
    ['begin KX7-M4P', { type: 'startWithCode', code: 'KX7-M4P' }],
    // Ordinary titles never read as a code: a code has a digit and only its own letters.
    ['start Tafel Noord', undefined],
    ['start', undefined],
    ['start Marktp', undefined],
    ['wis', { type: 'erase' }],
    ['erase', { type: 'erase' }],
    ['wis alles', undefined],
    ['volgende', undefined],
    ['help', undefined],
  ];
  it.each(cases)('%p → %p', (text, expected) => {
    expect(parseSessionCommand(text)).toEqual(expected);
  });

  it('a co-organiser is named by @mention', () => {
    expect(parseSessionCommand('sessie mede-organisator', ANNA)).toEqual({ type: 'coOrganiser', mention: ANNA });
    expect(parseSessionCommand('session coorganiser')).toEqual({ type: 'coOrganiser' });
  });

  it('a co-organiser with a code: the mention’s name may stand before or after it (Teams leaves it where it was typed)', () => {
    expect(parseSessionCommand(`sessie mede-organisator ${ANNA.name} KX7-M4P`, ANNA)).toEqual({ type: 'coOrganiser', mention: ANNA, code: 'KX7-M4P' });
    expect(parseSessionCommand(`sessie mede-organisator kx7 m4p ${ANNA.name}`, ANNA)).toEqual({ type: 'coOrganiser', mention: ANNA, code: 'kx7 m4p' });
    expect(parseSessionCommand(`sessie mede-organisator ${ANNA.name}`, ANNA)).toEqual({ type: 'coOrganiser', mention: ANNA });
  });
});
