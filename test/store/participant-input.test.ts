import { inputContent, sameParts, type ParticipantInput } from '../../src/store/participant-input';

describe('sameParts: whether an input is still the one read, without stringifying it', () => {
  const picks = { in: { cardId: 'a', argument: 'x' }, out: { cardId: 'b', argument: 'y' }, doubt: { cardId: 'c', argument: 'z' } };
  const read: ParticipantInput = {
    at: 1,
    intro: { role: 'Rol', answeredAt: 1 },
    picks: { '1': { picks, submittedAt: 1 } },
    votes: { '2': { zone: 'personal', at: 1 } },
  };

  test('the same objects, in a new input with another at: the same', () => {
    expect(sameParts(read, { ...read, at: 9, picks: { ...read.picks }, votes: { ...read.votes } })).toBe(true);
  });

  test.each<[string, ParticipantInput]>([
    ['a pick round more', { ...read, picks: { ...read.picks, '2': { picks, submittedAt: 2 } } }],
    ['a pick round less', { ...read, picks: {} }],
    ['no picks at all', { ...read, picks: undefined }],
    ['picks of another round, as many', { ...read, picks: { '3': read.picks!['1']! } }],
    ['a new vote', { ...read, votes: { '2': { zone: 'border', at: 2 } } }],
    ['stickers', { ...read, stickers: { counts: { i: 1 }, at: 2 } }],
    ['the intro gone', { ...read, intro: undefined }],
  ])('%s: not the same', (_name, next) => {
    expect(sameParts(read, next)).toBe(false);
    expect(sameParts(next, read)).toBe(false);
  });

  test('equal content in new objects is not the same by sameParts (the write then compares the text)', () => {
    const copy = JSON.parse(JSON.stringify(read)) as ParticipantInput;
    expect(sameParts(read, copy)).toBe(false);
    expect(inputContent(copy)).toBe(inputContent(read));
  });
});
