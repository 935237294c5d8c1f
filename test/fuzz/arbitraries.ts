/**
 * Input a Teams client, a modified client or an attacker could send: text that means something to
 * markdown, HTML, Teams mentions or the card templating, invisible and bidi characters, text far over
 * every limit, and values of every JSON type where the bot expects another.
 */
import fc from 'fast-check';

/** A marker that makes each generated text unique, so that finding it in output means an echo. */
export const tagArb = fc.string({ unit: fc.constantFrom(...'bcdfghjklmnpqrstvwxz'), minLength: 6, maxLength: 8 }).map((s) => `q${s}`);

/** Ways to hide or dress text: what a user might type or paste, or a client might send. */
const SHAPES: Array<(tag: string) => string> = [
  (t) => t,
  (t) => `**${t}** _cursief_ ~~weg~~`,
  (t) => `[klik hier](https://evil.example/${t})`,
  (t) => `![beeld](https://evil.example/${t}.png)`,
  (t) => `<at>${t}</at>`,
  (t) => `<b>${t}</b><script>alert("${t}")</script>`,
  (t) => `&lt;i&gt;${t}&lt;/i&gt; &amp; &#60;b&#62;`,
  (t) => `\${${t}}`,
  (t) => `\${$root.title} ${t} \${if(true, 'x', 'y')}`,
  (t) => `{{DATE(2017-02-14T06:08:39Z, LONG)}} ${t}`,
  (t) => `# ${t}\n- punt\n1. nummer\n> citaat`,
  (t) => `\`\`\`\n${t}\n\`\`\``,
  (t) => `${t}\u200b\u200d\u2060\ufeff`,
  (t) => `\u202e${t}\u202c \u200f${t}\u200e`,
  (t) => `${t}\r\n\r\n\t${t}\u0000\u0007`,
  (t) => `   ${t}   `,
  (t) => `javascript:alert('${t}')`,
  (t) => `https://${t}.example/pad?x=1`,
  (t) => `${t} 👩‍⚕️🏳️‍🌈 e\u0301 ﷽`,
  (t) => `"${t}" \\ '${t}' \\n \\u0000`,
  (t) => `| ${t} | kolom |\n|---|---|`,
];

/** A piece of text with a unique marker, dressed in one of the shapes above. */
export const markedTextArb: fc.Arbitrary<string> = fc
  .tuple(tagArb, fc.integer({ min: 0, max: SHAPES.length - 1 }))
  .map(([tag, i]) => SHAPES[i]!(tag));

/** Text far over the limits (500 for an argument, 20 000 at the edge), still within the 256 KB body. */
export const hugeTextArb: fc.Arbitrary<string> = fc
  .tuple(tagArb, fc.constantFrom(61, 101, 301, 501, 1001, 20_001, 25_000))
  .map(([tag, n]) => `${tag} ${'lang '.repeat(Math.ceil(n / 5))}`.slice(0, n));

/** Any text: random unicode (code points and graphemes), marked text, and over-long text. */
export const anyTextArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: markedTextArb },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: hugeTextArb },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n', '\u200b', '\u00a0') },
);

/** Numbers in the shapes a client may send them: as strings, with spaces, in other notations. */
export const numberishArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('1', '2', '3', ' 1 ', '1.0', '1e0', '0x1', '01', '-1', '0', 'NaN', 'Infinity', '1,5', '٣', '１'),
  fc.constantFrom(0, 1, 2, 3, -1, 1.5, 51, 1e21, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Keys that mean something to JavaScript objects. */
export const dangerousKeys = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
] as const;

/** A value of a type the field does not expect. */
export const wrongTypeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom('true', 'false', 'null', 'undefined', '[]', '{}'),
  numberishArb,
  fc.array(fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.oneof(fc.constantFrom(...dangerousKeys), fc.string({ maxLength: 6 })), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constantFrom(...dangerousKeys),
);

/**
 * Builds an object from entries so that a key such as `__proto__` becomes an own property (as
 * JSON.parse makes it), not the object's prototype.
 */
export function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Invisible, bidi and formatting characters to sprinkle into text. */
export const INVISIBLES = [
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u00ad',
  '\u00a0',
  '\u3000',
  '\t',
  '\r',
  '\n',
] as const;
