import {
  BorderStyle,
  HeadingLevel,
  ImageRun,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ParagraphChild,
} from 'docx';

/** What a Word section holds, in order. */
export type Block = Paragraph | Table;

/** The colour of the headings and the table heads: the dark blue of the Dutch government style the municipalities use. */
const HEAD_COLOUR = '154273';
const HEAD_FILL = 'DCE6F0';
/** Usable width of an A4 page with the default margins, in twentieths of a point. */
const PAGE_WIDTH_TWIPS = 9026;
/** The model picture at most this wide on the page, in pixels at 96 dpi (about 16 cm). */
const PICTURE_MAX_PX = 600;

/**
 * Characters XML 1.0 does not allow (control characters, lone surrogates, U+FFFE/U+FFFF): a
 * participant can type them, and one would make the whole document unreadable to Word.
 */
const NOT_IN_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_IN_XML, '');
}

/** Text as runs, its line breaks kept as breaks within the paragraph. User text is never read as markup here. */
export function runs(text: string, style: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun[] {
  return xmlSafe(text)
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

export function heading(level: 1 | 2 | 3 | 4, text: string): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3, 4: HeadingLevel.HEADING_4 };
  // A heading stays on the page of what follows it.
  return new Paragraph({ heading: levels[level], children: runs(text), keepNext: true });
}

export function title(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.TITLE, children: runs(text) });
}

export function para(text: string, style: { bold?: boolean; italics?: boolean; keepNext?: boolean } = {}): Paragraph {
  const { keepNext, ...run } = style;
  return new Paragraph({ children: runs(text, run), spacing: { after: 120 }, ...(keepNext ? { keepNext: true } : {}) });
}

/** "Label: text" with the label in bold. */
export function labelled(label: string, text: string, bullet = false): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text: `${xmlSafe(label)}: `, bold: true }), ...runs(text)],
    ...(bullet ? { bullet: { level: 0 } } : { spacing: { after: 120 } }),
  });
}

/** A bulleted item; `parts` are runs of plain and bold text. */
export function bullet(children: ParagraphChild[], level = 0): Paragraph {
  return new Paragraph({ children, bullet: { level } });
}

export function pageBreak(): Paragraph {
  return new Paragraph({ children: [new PageBreak()] });
}

/**
 * A table with a coloured head row. `widths` are the columns' shares of the page (they add up to 1);
 * a cell's text keeps its line breaks.
 */
export function table(head: string[], rows: string[][], widths: number[]): Table {
  const cell = (text: string, isHead: boolean, i: number) =>
    new TableCell({
      width: { size: Math.round((widths[i] ?? 1 / head.length) * PAGE_WIDTH_TWIPS), type: WidthType.DXA },
      ...(isHead ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEAD_FILL } } : {}),
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
      // 10 pt in tables, so that four columns fit on a portrait page.
      children: [new Paragraph({ children: runs(text, isHead ? { bold: true, size: 20 } : { size: 20 }) })],
    });
  const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' };
  return new Table({
    width: { size: PAGE_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: widths.map((w) => Math.round(w * PAGE_WIDTH_TWIPS)),
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, i)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, false, i)) })),
    ],
  });
}

/** Space after a table, which Word otherwise glues to the next heading. */
export function gap(): Paragraph {
  return new Paragraph({ children: [], spacing: { after: 120 } });
}

/** Width and height of a PNG from its header; undefined if it is not one. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (png.length < 24 || png.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** The model picture, scaled to the page, with alt text for screen readers. Nothing if it is not a PNG. */
export function picture(png: Buffer, altTitle: string, altText: string): Paragraph[] {
  const size = pngSize(png);
  if (!size || size.width === 0 || size.height === 0) return [];
  const scale = Math.min(1, PICTURE_MAX_PX / size.width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
          altText: { name: 'model', title: xmlSafe(altTitle), description: xmlSafe(altText) },
        }),
      ],
      spacing: { after: 120 },
    }),
  ];
}

export { HEAD_COLOUR };
