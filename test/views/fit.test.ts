/** The shared fitting helpers: cut texts say so, shortened titles stay distinct, lists say what is left out. */
import { cutText, Shortener } from '../../src/views/fit';

describe('cutText', () => {
  it('leaves a text within the maximum alone and ends a longer one in an ellipsis', () => {
    expect(cutText('Buurthuis', 9)).toBe('Buurthuis');
    expect(cutText('Buurthuis De Horst', 9)).toBe('Buurthuis…');
    expect(cutText('Buurthuis De Horst', undefined)).toBe('Buurthuis De Horst');
    // Counted in code points: an emoji is one character and is never cut in half.
    expect(cutText('😀😀 zorg', 1)).toBe('😀…');
  });
});

describe('Shortener', () => {
  it('cuts titles, but keeps as much as it takes to tell them apart', () => {
    const s = new Shortener();
    const titles = ['Buurthuis De Horst', 'Buurthuis De Kempen', 'Bibliotheek', 'Kaartje 1 van de wijk', 'Kaartje 10 van de wijk'];
    expect(s.titles(titles, 8)).toEqual(['Buurthuis De H…', 'Buurthuis De K…', 'Biblioth…', 'Kaartje 1…', 'Kaartje 10…']);
    expect(s.shortened).toBe(true);
  });

  it('does not count as shortened when nothing was cut', () => {
    const s = new Shortener();
    expect(s.titles(['Buurthuis', 'Bibliotheek'], 20)).toEqual(['Buurthuis', 'Bibliotheek']);
    expect(s.titles(['Buurthuis'], undefined)).toEqual(['Buurthuis']);
    expect(s.cut('Buurthuis', 20)).toBe('Buurthuis');
    expect(s.limit([1, 2, 3], 3, String, (n) => `en nog ${n}`)).toEqual(['1', '2', '3']);
    expect(s.shortened).toBe(false);
  });

  it('says how many items it left out', () => {
    const s = new Shortener();
    expect(s.limit([1, 2, 3, 4], 2, String, (n) => `en nog ${n}`)).toEqual(['1', '2', 'en nog 2']);
    expect(s.shortened).toBe(true);
  });
});
