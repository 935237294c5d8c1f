import { type GroupView, type Language, type Zone } from '../domain';
import { t } from '../i18n';
import { zoneName } from './labels';
import { charsThatFit, PICTURE_FONT_FAMILY, textWidth, type FontStyle } from './picture-font';
import { sessionPicture, tablePicture, type PictureCard, type PictureModel } from './picture-model';

/**
 * The filled model as an SVG, drawn as the poster draws it: inside the sociale basis the institutionele
 * sphere around the gemeenschappelijke around the persoonlijke, twijfel / grensgebied on its edge and
 * niet sociale basis outside it. Each card is a small white card in its zone; how much the group
 * agreed is said in words after the title and by the card's border (dashed for verdeeld, thick for
 * oneens), never by colour alone. A pure function of the model: the same view gives the same bytes.
 */
export const PICTURE_WIDTH = 1200;
export const PICTURE_HEIGHT = 800;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

interface ZoneLayout {
  area: Box & { r: number };
  label: Box;
  cards: Box;
}

const LAYOUT: Record<Zone, ZoneLayout> = {
  institutional: {
    area: { x: 20, y: 100, w: 800, h: 640, r: 70 },
    label: { x: 44, y: 112, w: 250, h: 50 },
    cards: { x: 40, y: 170, w: 246, h: 555 },
  },
  community: {
    area: { x: 302, y: 140, w: 504, h: 586, r: 60 },
    label: { x: 324, y: 152, w: 234, h: 50 },
    cards: { x: 318, y: 210, w: 236, h: 500 },
  },
  personal: {
    area: { x: 568, y: 180, w: 224, h: 532, r: 50 },
    label: { x: 586, y: 192, w: 190, h: 50 },
    cards: { x: 582, y: 250, w: 196, h: 445 },
  },
  border: {
    area: { x: 842, y: 100, w: 338, h: 316, r: 24 },
    label: { x: 860, y: 110, w: 300, h: 28 },
    cards: { x: 856, y: 144, w: 310, h: 258 },
  },
  outside: {
    area: { x: 842, y: 430, w: 338, h: 310, r: 24 },
    label: { x: 860, y: 440, w: 300, h: 28 },
    cards: { x: 856, y: 474, w: 310, h: 252 },
  },
};

/** Light fill and a darker line and label colour per zone, as in the PowerPoint export. */
const COLOURS: Record<Zone, { fill: string; line: string }> = {
  institutional: { fill: '#DCE8F5', line: '#2F5597' },
  community: { fill: '#E0EFD6', line: '#3F7A2B' },
  personal: { fill: '#FBE3D2', line: '#B45309' },
  border: { fill: '#FFF3C4', line: '#8C6D00' },
  outside: { fill: '#ECECEC', line: '#5F5F5F' },
};
const INK = '#262626';
const MUTED = '#595959';
const DIVIDED = '#B35900';
const DISAGREE = '#C00000';

/** Card text sizes in px, largest first; below the smallest, a zone counts what it leaves out. */
const SIZES = [17, 16, 15, 14, 13, 12, 11, 10];
const LINE = 1.22;
const PAD_X = 7;
const PAD_Y = 5;
const GAP = 5;
const MIN_COLUMN = 118;
/**
 * The steps tried in order until a zone's cards all fit: each size with titles of at most two lines
 * (longer ones end in "…"), then the smallest sizes with one line per title.
 */
interface Step {
  size: number;
  titleLines: number;
}
const STEPS: ReadonlyArray<Step> = [
  ...SIZES.map((size) => ({ size, titleLines: 2 })),
  ...[12, 11, 10].map((size) => ({ size, titleLines: 1 })),
];

/** A piece of text in one style. */
interface Run {
  text: string;
  style: FontStyle;
  colour: string;
}

/** Lines already worked out per card, size, width and title lines: planning tries many layouts of the same cards. */
const linesOf = new WeakMap<PictureCard, Map<string, Run[][]>>();

/** A card's text broken into lines at the given size and width. */
function cardLines(card: PictureCard, size: number, width: number, titleLines: number): Run[][] {
  let known = linesOf.get(card);
  if (!known) linesOf.set(card, (known = new Map()));
  const key = `${size}/${width}/${titleLines}`;
  let lines = known.get(key);
  if (!lines) known.set(key, (lines = breakCard(card, size, width, titleLines)));
  return lines;
}

function breakCard(card: PictureCard, size: number, width: number, titleLines: number): Run[][] {
  const titleStyle: FontStyle = card.own ? 'italic' : 'regular';
  const words = card.title.split(/\s+/).filter(Boolean);
  const lines = wrap(words, size, width, titleStyle);
  let title = lines;
  if (lines.length > titleLines) {
    title = lines.slice(0, titleLines);
    const last = title[titleLines - 1]!;
    const keep = Math.max(1, charsThatFit(last, size, width, titleStyle, '…'));
    title[titleLines - 1] = `${[...last].slice(0, keep).join('').trimEnd()}…`;
  }
  const runs: Run[][] = title.map((line) => [{ text: line, style: titleStyle, colour: INK }]);
  // The marks follow the title on its last line when they fit, else on a line of their own.
  const marks = card.marks.map((m): Run => ({ text: m.text, style: m.tone === 'muted' ? 'regular' : 'bold', colour: markColour(m.tone) }));
  if (marks.length) {
    const markText = marks.map((m) => m.text).join(' · ');
    const last = runs[runs.length - 1]!;
    const lastWidth = last.reduce((w, r) => w + textWidth(r.text, size, r.style), 0);
    const sep = (text: string): Run => ({ text, style: 'regular', colour: MUTED });
    const markRuns = marks.flatMap((m, i) => (i === 0 ? [m] : [sep(' · '), m]));
    if (runs.length === 0) runs.push(markRuns);
    else if (lastWidth + textWidth(` · ${markText}`, size, 'bold') <= width) last.push(sep(' · '), ...markRuns);
    else runs.push(markRuns);
  }
  return runs;
}

function markColour(tone: PictureCard['marks'][number]['tone']): string {
  return tone === 'divided' ? DIVIDED : tone === 'disagree' ? DISAGREE : MUTED;
}

/**
 * Words into lines no wider than `width`; a word wider than a line is broken where it must be. Line
 * widths are the sum of the words' widths and the spaces between them (no kerning is measured).
 */
function wrap(words: ReadonlyArray<string>, size: number, width: number, style: FontStyle): string[] {
  const space = textWidth(' ', size, style);
  const lines: string[] = [];
  let current = '';
  let currentWidth = 0;
  for (const word of words) {
    const wordWidth = textWidth(word, size, style);
    if (current && currentWidth + space + wordWidth <= width) {
      current = `${current} ${word}`;
      currentWidth += space + wordWidth;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    currentWidth = wordWidth;
    while (currentWidth > width && [...current].length > 1) {
      const chars = [...current];
      const n = Math.max(1, charsThatFit(current, size, width, style));
      lines.push(chars.slice(0, n).join(''));
      current = chars.slice(n).join('');
      currentWidth = textWidth(current, size, style);
    }
  }
  if (current) lines.push(current);
  return lines;
}

interface PlacedCard {
  card: PictureCard;
  lines: Run[][];
  x: number;
  y: number;
  w: number;
  h: number;
}

interface ZonePlan {
  step: Step;
  size: number;
  cards: PlacedCard[];
  /** Cards left out for want of room. */
  hidden: number;
  /** Where the "+ nog N" line goes. */
  moreY: number;
}

/** The cards of a zone in `columns` columns at `size`, as far as they fit in `box`; `more` keeps a line free. */
function layoutZone(cards: ReadonlyArray<PictureCard>, box: Box, step: Step, columns: number, reserve: boolean): ZonePlan {
  const { size } = step;
  const colW = (box.w - GAP * (columns - 1)) / columns;
  const placed: PlacedCard[] = [];
  const limit = box.y + box.h - (reserve ? size * LINE + GAP : 0);
  let y = box.y;
  for (let i = 0; i < cards.length; i += columns) {
    const row = cards.slice(i, i + columns).map((card) => ({ card, lines: cardLines(card, size, colW - 2 * PAD_X, step.titleLines) }));
    const h = Math.max(...row.map((r) => r.lines.length)) * size * LINE + 2 * PAD_Y;
    if (y + h > limit) break;
    row.forEach((r, col) => placed.push({ ...r, x: box.x + col * (colW + GAP), y, w: colW, h }));
    y += h + GAP;
  }
  return { step, size, cards: placed, hidden: cards.length - placed.length, moreY: y };
}

/** The first step (and then the fewest columns) at which every card fits; otherwise the last, counting the rest. */
function planZone(cards: ReadonlyArray<PictureCard>, box: Box, steps: ReadonlyArray<Step>): ZonePlan {
  const maxColumns = Math.max(1, Math.floor((box.w + GAP) / (MIN_COLUMN + GAP)));
  for (const step of steps) {
    for (let columns = 1; columns <= maxColumns; columns++) {
      const plan = layoutZone(cards, box, step, columns, false);
      if (plan.hidden === 0) return plan;
    }
  }
  const last = steps[steps.length - 1] ?? STEPS[STEPS.length - 1]!;
  // The most cards that fit, over the column counts.
  return Array.from({ length: maxColumns }, (_, i) => layoutZone(cards, box, last, i + 1, true)).reduce((a, b) =>
    b.hidden < a.hidden ? b : a,
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** Text as XML character data; what XML 1.0 cannot hold (control characters, lone surrogates) is dropped. */
function xmlText(text: string): string {
  let kept = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    const control = code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
    const surrogate = code >= 0xd800 && code <= 0xdfff;
    if (!control && !surrogate && code !== 0xfffe && code !== 0xffff) kept += ch;
  }
  return escapeXml(kept);
}

const num = (n: number) => String(Math.round(n * 10) / 10);

function textLine(x: number, y: number, size: number, runs: ReadonlyArray<Run>): string {
  const spans = runs
    .map((r) => {
      const weight = r.style === 'bold' ? ' font-weight="bold"' : '';
      const italic = r.style === 'italic' ? ' font-style="italic"' : '';
      return `<tspan fill="${r.colour}"${weight}${italic}>${xmlText(r.text)}</tspan>`;
    })
    .join('');
  return `<text x="${num(x)}" y="${num(y)}" font-size="${num(size)}" xml:space="preserve">${spans}</text>`;
}

/** A single line of text, shortened with "…" to fit `width`. */
function fitLine(text: string, size: number, width: number, style: FontStyle): string {
  if (textWidth(text, size, style) <= width) return text;
  const keep = Math.max(1, charsThatFit(text, size, width, style, '…'));
  return `${[...text].slice(0, keep).join('').trimEnd()}…`;
}

function drawCard(c: PlacedCard, size: number, zoneLine: string): string {
  const stroke =
    c.card.tone === 'disagree'
      ? `stroke="${DISAGREE}" stroke-width="3"`
      : c.card.tone === 'divided'
        ? `stroke="${DIVIDED}" stroke-width="2" stroke-dasharray="6 3"`
        : `stroke="${zoneLine}" stroke-width="1"`;
  const rect = `<rect x="${num(c.x)}" y="${num(c.y)}" width="${num(c.w)}" height="${num(c.h)}" rx="5" fill="#FFFFFF" ${stroke}/>`;
  const lines = c.lines.map((runs, i) => textLine(c.x + PAD_X, c.y + PAD_Y + size * (LINE * i + LINE / 2 + 0.34), size, runs));
  return [rect, ...lines].join('');
}

function drawZone(zone: Zone, model: PictureModel, plan: ZonePlan | undefined): string {
  const { area, label } = LAYOUT[zone];
  const colour = COLOURS[zone];
  const dashed = zone === 'border' || zone === 'outside' ? ' stroke-dasharray="10 5"' : '';
  const out = [
    `<rect x="${area.x}" y="${area.y}" width="${area.w}" height="${area.h}" rx="${area.r}" fill="${colour.fill}" stroke="${colour.line}" stroke-width="2"${dashed}/>`,
  ];
  const labelSize = 18;
  const name = zoneName(model.lang, zone);
  const words = wrap(name.split(/\s+/), labelSize, label.w, 'bold').slice(0, 2);
  words.forEach((line, i) =>
    out.push(textLine(label.x, label.y + labelSize * (i + 1), labelSize, [{ text: line, style: 'bold', colour: colour.line }])),
  );
  if (plan) {
    for (const c of plan.cards) out.push(drawCard(c, plan.size, colour.line));
    if (plan.hidden > 0) {
      const more = t(model.lang, 'picture.more', { count: plan.hidden });
      out.push(textLine(LAYOUT[zone].cards.x, plan.moreY + plan.size, plan.size, [{ text: more, style: 'bold', colour: INK }]));
    }
  }
  return out.join('\n');
}

/** The model as an SVG document of PICTURE_WIDTH × PICTURE_HEIGHT. */
export function pictureSvg(model: PictureModel): string {
  const zones = Object.keys(LAYOUT) as Zone[];
  // One card size for the whole model, the largest at which every zone fits, so the cards read as equals.
  const best = zones.filter((z) => model.zones[z].length).map((z) => STEPS.indexOf(planZone(model.zones[z], LAYOUT[z].cards, STEPS).step));
  const steps = STEPS.slice(Math.max(0, ...best));
  const plans = new Map(zones.map((z) => [z, model.zones[z].length ? planZone(model.zones[z], LAYOUT[z].cards, steps) : undefined]));
  // Outside first, then the spheres from the outer one in, the border zone last, on the edge.
  const order: Zone[] = ['outside', 'institutional', 'community', 'personal', 'border'];
  const body = [
    `<rect width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" fill="#FFFFFF"/>`,
    textLine(24, 44, 28, [{ text: fitLine(model.title, 28, PICTURE_WIDTH - 48, 'bold'), style: 'bold', colour: '#1F3864' }]),
    textLine(24, 76, 17, [{ text: fitLine(model.meta, 17, PICTURE_WIDTH - 48, 'regular'), style: 'regular', colour: MUTED }]),
    ...order.map((z) => drawZone(z, model, plans.get(z))),
    textLine(24, 772, 14, [
      { text: fitLine(model.legend.join(' · '), 14, PICTURE_WIDTH - 48, 'regular'), style: 'regular', colour: MUTED },
    ]),
    textLine(24, 792, 12, [
      { text: fitLine(t(model.lang, 'picture.madeBy'), 12, PICTURE_WIDTH - 48, 'regular'), style: 'regular', colour: MUTED },
    ]),
  ];
  if (model.empty) {
    const size = 20;
    const width = textWidth(model.empty, size, 'italic');
    body.push(textLine(420 - width / 2, 470, size, [{ text: model.empty, style: 'italic', colour: MUTED }]));
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${PICTURE_WIDTH}" height="${PICTURE_HEIGHT}" viewBox="0 0 ${PICTURE_WIDTH} ${PICTURE_HEIGHT}" font-family="${PICTURE_FONT_FAMILY}">`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** One table's filled model as SVG. */
export function tablePictureSvg(view: GroupView, lang: Language = view.settings.language): string {
  return pictureSvg(tablePicture(view, lang));
}

/** A session's combined model as SVG: per card and zone, how many tables put it there. */
export function sessionPictureSvg(sessionTitle: string, tables: ReadonlyArray<GroupView>, lang: Language): string {
  return pictureSvg(sessionPicture(sessionTitle, tables, lang));
}
