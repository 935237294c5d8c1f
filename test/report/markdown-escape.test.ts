/**
 * The escaping of user text for the Markdown report: table-driven for the constructs that matter,
 * and a property that any text reads back exactly as typed.
 */
import fc from 'fast-check';
import { escapeBlock, escapeInline, unescapeMarkdown } from '../../src/report/markdown-escape';

describe('escapeInline', () => {
  it.each([
    ['emphasis', '**bold** and _it_', '\\*\\*bold\\*\\* and \\_it\\_'],
    ['table pipe', 'a | b', 'a \\| b'],
    ['heading at line start', '# heading', '\\# heading'],
    ['closing hashes of a heading', 'Tafel #2 #', 'Tafel \\#2 \\#'],
    ['HTML and Teams mentions', '<at>x</at>', '\\<at>x\\</at>'],
    ['link', '[link](http://x)', '\\[link\\](http://x)'],
    ['image', '![img](http://x/y.png)', '!\\[img\\](http://x/y.png)'],
    ['code span', 'use `rm -rf`', 'use \\`rm -rf\\`'],
    ['strikethrough', '~~weg~~', '\\~\\~weg\\~\\~'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['entity', 'AT&amp;T & co', 'AT\\&amp;T & co'],
    ['blockquote at line start', '> quote', '\\> quote'],
    ['list item at line start', '- item', '\\- item'],
    ['plus list item', '+ item', '\\+ item'],
    ['ordered list item', '1. eerste', '1\\. eerste'],
    ['ordered list with parenthesis', '2) tweede', '2\\) tweede'],
    ['a number mid-line stays', 'doel 1. en 2.', 'doel 1. en 2.'],
    [
      'ordinary Dutch text stays',
      'Iedereen kan er binnenlopen; ook zonder indicatie.',
      'Iedereen kan er binnenlopen; ook zonder indicatie.',
    ],
    ['line breaks become spaces', 'eerste\n# tweede\r\n\n  derde', 'eerste \\# tweede derde'],
  ])('%s', (_name, input, expected) => {
    expect(escapeInline(input)).toBe(expected);
  });

  it('escapes the hostile argument of the brief so that it reads back literally', () => {
    const hostile = '**bold** | pipe # heading <at>x</at> [link](http://x)';
    const escaped = escapeInline(hostile);
    expect(escaped).toBe('\\*\\*bold\\*\\* \\| pipe \\# heading \\<at>x\\</at> \\[link\\](http://x)');
    expect(unescapeMarkdown(escaped)).toBe(hostile);
  });
});

describe('escapeBlock', () => {
  it('keeps line breaks as hard breaks, indented to stay inside a list item, and escapes each line start', () => {
    expect(escapeBlock('eerste regel\n- geen lijst\n# geen kop', '  ')).toBe('eerste regel\\\n  \\- geen lijst\\\n  \\# geen kop');
  });

  it('drops empty lines and leading spaces, which would end a list item or start a code block', () => {
    expect(escapeBlock('a\n\n\n      code?\n', '  ')).toBe('a\\\n  code?');
  });
});

describe('escaping, for any text', () => {
  /** What a reader sees of a single line: no surrounding spaces. */
  const oneLine = fc.string({ unit: 'grapheme', maxLength: 80 }).map((s) => s.replace(/[\r\n]/g, ' ').trim());
  const markdownish = fc
    .array(
      fc.constantFrom('*', '_', '#', '|', '<', '>', '`', '[', ']', '(', ')', '\\', '~', '-', '+', '=', '1.', '&amp;', ' ', 'a', 'é', '👩‍⚕️'),
      { maxLength: 40 },
    )
    .map((parts) => parts.join('').trim());

  it('reads back as typed', () => {
    fc.assert(
      fc.property(fc.oneof(oneLine, markdownish), (text) => {
        expect(unescapeMarkdown(escapeInline(text))).toBe(text.split(/\s*\n\s*/).join(' '));
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves no special character unescaped', () => {
    fc.assert(
      fc.property(fc.oneof(oneLine, markdownish), (text) => {
        const escaped = escapeInline(text);
        // Remove every escaped pair; what is left may not hold a character with a meaning.
        const bare = escaped.replace(/\\[!-/:-@[-`{-~]/g, '');
        expect(bare).not.toMatch(/[*_#|<`[\]~\\]/);
        // A block can only start at the start of the line itself.
        expect(escaped).not.toMatch(/^[>+=-]/);
        expect(escaped).not.toMatch(/^\d+[.)]/);
      }),
      { numRuns: 2000 },
    );
  });
});
