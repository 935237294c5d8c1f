import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The font the model picture is drawn in, shipped in the repository (assets/fonts, SIL OFL 1.1) so
 * that every machine renders the same picture, and measured from the same files: the layout wraps
 * titles by the real advance widths of the glyphs, not by a guess.
 */
export const PICTURE_FONT_FAMILY = 'Liberation Sans';

/** assets/fonts, found above this file: from src/report (tsx, jest) and from dist/src/report after a build alike. */
function fontDir(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'assets', 'fonts');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`assets/fonts not found above ${__dirname}`);
  }
}

export type FontStyle = 'regular' | 'bold' | 'italic';

const FILES: Record<FontStyle, string> = {
  regular: 'LiberationSans-Regular.ttf',
  bold: 'LiberationSans-Bold.ttf',
  italic: 'LiberationSans-Italic.ttf',
};

/** The font files for the renderer (resvg loads only these). */
export function pictureFontFiles(): string[] {
  const dir = fontDir();
  return Object.values(FILES).map((file) => join(dir, file));
}

/** Advance widths of one TrueType font, read from its `cmap` (format 4) and `hmtx` tables. */
class FontMetrics {
  private readonly unitsPerEm: number;
  private readonly advances: number[];
  private readonly segments: Array<{ start: number; end: number; delta: number; rangeAt: number }> = [];
  private readonly cache = new Map<number, number>();

  constructor(private readonly data: Buffer) {
    const tables = new Map<string, number>();
    const count = data.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      tables.set(data.toString('latin1', at, at + 4), data.readUInt32BE(at + 8));
    }
    const at = (tag: string) => {
      const offset = tables.get(tag);
      if (offset === undefined) throw new Error(`Font lacks a ${tag} table`);
      return offset;
    };
    this.unitsPerEm = data.readUInt16BE(at('head') + 18);
    const metrics = data.readUInt16BE(at('hhea') + 34);
    const hmtx = at('hmtx');
    this.advances = Array.from({ length: metrics }, (_, i) => data.readUInt16BE(hmtx + i * 4));
    this.readCmap(at('cmap'));
  }

  /** The Unicode BMP subtable (platform 3 encoding 1, or platform 0), format 4. */
  private readCmap(cmap: number): void {
    const { data } = this;
    const count = data.readUInt16BE(cmap + 2);
    for (let i = 0; i < count; i++) {
      const record = cmap + 4 + i * 8;
      const platform = data.readUInt16BE(record);
      const encoding = data.readUInt16BE(record + 2);
      const sub = cmap + data.readUInt32BE(record + 4);
      if (!((platform === 3 && encoding === 1) || platform === 0) || data.readUInt16BE(sub) !== 4) continue;
      const segCount = data.readUInt16BE(sub + 6) / 2;
      const ends = sub + 14;
      const starts = ends + segCount * 2 + 2;
      const deltas = starts + segCount * 2;
      const ranges = deltas + segCount * 2;
      for (let s = 0; s < segCount; s++) {
        this.segments.push({
          end: data.readUInt16BE(ends + s * 2),
          start: data.readUInt16BE(starts + s * 2),
          delta: data.readInt16BE(deltas + s * 2),
          rangeAt: data.readUInt16BE(ranges + s * 2) === 0 ? 0 : ranges + s * 2,
        });
      }
      return;
    }
    throw new Error('Font lacks a Unicode cmap of format 4');
  }

  private glyph(code: number): number {
    for (const seg of this.segments) {
      if (code > seg.end || code < seg.start) continue;
      if (seg.rangeAt === 0) return (code + seg.delta) & 0xffff;
      const glyph = this.data.readUInt16BE(seg.rangeAt + this.data.readUInt16BE(seg.rangeAt) + 2 * (code - seg.start));
      return glyph === 0 ? 0 : (glyph + seg.delta) & 0xffff;
    }
    return 0;
  }

  /** Width of one character in em; a character the font lacks counts as a wide one. */
  em(code: number): number {
    let width = this.cache.get(code);
    if (width === undefined) {
      const glyph = code > 0xffff ? 0 : this.glyph(code);
      const advance = glyph === 0 ? this.unitsPerEm : (this.advances[Math.min(glyph, this.advances.length - 1)] ?? this.unitsPerEm);
      width = advance / this.unitsPerEm;
      this.cache.set(code, width);
    }
    return width;
  }
}

const loaded = new Map<FontStyle, FontMetrics>();

function metrics(style: FontStyle): FontMetrics {
  let font = loaded.get(style);
  if (!font) {
    font = new FontMetrics(readFileSync(join(fontDir(), FILES[style])));
    loaded.set(style, font);
  }
  return font;
}

/** Widths in em of texts measured before (titles' words come back at every board update), per style. */
const measured = new Map<FontStyle, Map<string, number>>();
const MEASURED_MAX = 20_000;

/** Width in pixels of `text` at `size` px in the picture's font. */
export function textWidth(text: string, size: number, style: FontStyle = 'regular'): number {
  let known = measured.get(style);
  if (!known) measured.set(style, (known = new Map()));
  let em = known.get(text);
  if (em === undefined) {
    const font = metrics(style);
    em = 0;
    for (const ch of text) em += font.em(ch.codePointAt(0) ?? 0);
    // A long-running bot sees many titles: start over rather than grow without end.
    if (known.size >= MEASURED_MAX) known.clear();
    known.set(text, em);
  }
  return em * size;
}

/**
 * How many characters of `text` fit in `width` px at `size` px, with `suffix` (e.g. "…") after them;
 * measured character by character, without keeping every prefix in the cache.
 */
export function charsThatFit(text: string, size: number, width: number, style: FontStyle = 'regular', suffix = ''): number {
  const font = metrics(style);
  const chars = [...text];
  let used = textWidth(suffix, size, style);
  let n = 0;
  for (const ch of chars) {
    used += font.em(ch.codePointAt(0) ?? 0) * size;
    if (used > width) break;
    n += 1;
  }
  return n;
}
