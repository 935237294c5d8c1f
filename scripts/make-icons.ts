/**
 * Draws the two Teams app icons and writes them as PNG files:
 *
 * - appPackage/color.png   192x192, full colour: three overlapping circles, one per sphere of the
 *   sociale basis (persoonlijk, gemeenschappelijk, institutioneel), on a solid dark-blue background.
 * - appPackage/outline.png 32x32, the same three circles as white rings on a transparent background
 *   (Teams requires the outline icon to be white and transparent only).
 *
 * Pure Node: shapes are rasterised with 8x8 supersampling per pixel (anti-aliased edges) and
 * written with the hand-written encoder in ./lib/png.ts.
 *
 * Usage: npx tsx scripts/make-icons.ts [--out DIR] [--preview DIR]
 *   --out      where to write color.png and outline.png (default: appPackage/)
 *   --preview  also write enlarged copies (color 2x, outline 8x) there, to look at
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { encodePng, type RgbaImage } from './lib/png';

type Rgb = readonly [number, number, number];

function hex(h: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(h);
  if (!m) throw new Error(`bad colour ${h}`);
  return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
}

/** Palette: Dutch public-sector look (Rijkshuisstijl-like dark blue with lighter accents). */
export const PALETTE = {
  background: hex('#154273'), // donkerblauw; also the manifest's accentColor
  personal: hex('#F9E11E'), // geel: persoonlijke sociale basis
  community: hex('#76D2B6'), // mintgroen: gemeenschappelijke sociale basis
  institutional: hex('#8FCAE7'), // hemelblauw: institutionele sociale basis
  ring: hex('#FFFFFF'),
} as const;

interface Circle {
  cx: number;
  cy: number;
  r: number;
}

/**
 * Three circles on the corners of an equilateral triangle (circumradius d), the whole figure
 * centred in a size x size square. Order: top, bottom-left, bottom-right.
 */
export function threeCircles(size: number, r: number, d: number): [Circle, Circle, Circle] {
  const cx = size / 2;
  // The figure spans from (c - d - r) to (c + d/2 + r) vertically: centre it.
  const c = size / 2 + d / 4;
  const dx = d * Math.cos(Math.PI / 6);
  return [
    { cx, cy: c - d, r },
    { cx: cx - dx, cy: c + d / 2, r },
    { cx: cx + dx, cy: c + d / 2, r },
  ];
}

const inside = (c: Circle, x: number, y: number): boolean => (x - c.cx) ** 2 + (y - c.cy) ** 2 <= c.r * c.r;

const onRing = (c: Circle, width: number, x: number, y: number): boolean => {
  const dist = Math.hypot(x - c.cx, y - c.cy);
  return Math.abs(dist - c.r) <= width / 2;
};

/**
 * Rasterise: `shade(x, y)` gives the straight (non-premultiplied) RGBA colour (alpha 0..1) at a
 * point in pixel space; each pixel averages an n x n grid of samples in premultiplied space.
 */
function rasterise(size: number, shade: (x: number, y: number) => [number, number, number, number], n = 8): RgbaImage {
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const o = (py * size + px) * 4;
      // Shortcut: when the centre and the four outer samples agree, no edge crosses the pixel
      // (every shape here is wider than a pixel), so it is one flat colour.
      const lo = 0.5 / n,
        hi = 1 - lo;
      const probe = [
        shade(px + 0.5, py + 0.5),
        shade(px + lo, py + lo),
        shade(px + hi, py + lo),
        shade(px + lo, py + hi),
        shade(px + hi, py + hi),
      ];
      const first = probe[0]!;
      if (probe.every((p) => p[0] === first[0] && p[1] === first[1] && p[2] === first[2] && p[3] === first[3])) {
        data[o] = Math.round(first[0]);
        data[o + 1] = Math.round(first[1]);
        data[o + 2] = Math.round(first[2]);
        data[o + 3] = Math.round(first[3] * 255);
        continue;
      }
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [cr, cg, cb, ca] = shade(px + (sx + 0.5) / n, py + (sy + 0.5) / n);
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      // Colour of a fully transparent pixel: the shape's colour at the centre (white for the outline).
      const base = a > 0 ? [r / a, g / a, b / a] : first;
      data[o] = Math.round(base[0]!);
      data[o + 1] = Math.round(base[1]!);
      data[o + 2] = Math.round(base[2]!);
      data[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return { width: size, height: size, data };
}

/** Mean of the colours, darkened a little per extra layer so overlaps read as overlaps. */
function mix(colours: Rgb[]): Rgb {
  const k = colours.length;
  const depth = 0.9 ** (k - 1);
  const mean = (ch: 0 | 1 | 2): number => (colours.reduce((sum, c) => sum + c[ch], 0) / k) * depth;
  return [mean(0), mean(1), mean(2)];
}

/** 192x192 colour icon. The figure stays well inside the square so Teams' rounded mask never clips it. */
export function renderColorIcon(size = 192): RgbaImage {
  const scale = size / 192;
  const circles = threeCircles(size, 37 * scale, 25 * scale);
  const fills: Rgb[] = [PALETTE.personal, PALETTE.community, PALETTE.institutional];
  const ringWidth = 3 * scale;
  return rasterise(size, (x, y) => {
    // Each sphere in its own colour; where spheres overlap, their colours mix.
    const covering = fills.filter((_, i) => inside(circles[i]!, x, y));
    const colour: Rgb = covering.length > 0 ? mix(covering) : PALETTE.background;
    const c = circles.some((circle) => onRing(circle, ringWidth, x, y)) ? PALETTE.ring : colour;
    return [c[0], c[1], c[2], 1];
  });
}

/** 32x32 outline icon: white rings only, everything else fully transparent. */
export function renderOutlineIcon(size = 32): RgbaImage {
  const scale = size / 32;
  const circles = threeCircles(size, 8.2 * scale, 5.6 * scale);
  const ringWidth = 1.9 * scale;
  return rasterise(size, (x, y) => {
    const hit = circles.some((c) => onRing(c, ringWidth, x, y));
    return [255, 255, 255, hit ? 1 : 0];
  });
}

/** Nearest-neighbour enlargement, for looking at the icons. */
export function enlarge(image: RgbaImage, factor: number, checkerboard = false): RgbaImage {
  const w = image.width * factor;
  const h = image.height * factor;
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = (Math.floor(y / factor) * image.width + Math.floor(x / factor)) * 4;
      const o = (y * w + x) * 4;
      const a = image.data[s + 3]! / 255;
      // Optionally composite over a grey checkerboard so white-on-transparent is visible.
      const bg = checkerboard ? (((x >> 4) + (y >> 4)) % 2 === 0 ? 90 : 60) : undefined;
      for (let k = 0; k < 3; k++) {
        data[o + k] = bg === undefined ? image.data[s + k]! : Math.round(image.data[s + k]! * a + bg * (1 - a));
      }
      data[o + 3] = bg === undefined ? image.data[s + 3]! : 255;
    }
  }
  return { width: w, height: h, data };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new Error(`${name} needs a directory`);
  return v;
}

export function main(args: string[] = process.argv.slice(2)): void {
  const root = path.resolve(__dirname, '..');
  const outDir = path.resolve(argValue(args, '--out') ?? path.join(root, 'appPackage'));
  const previewDir = argValue(args, '--preview');
  mkdirSync(outDir, { recursive: true });
  const color = renderColorIcon();
  const outline = renderOutlineIcon();
  writeFileSync(path.join(outDir, 'color.png'), encodePng(color));
  writeFileSync(path.join(outDir, 'outline.png'), encodePng(outline));
  console.log(`wrote ${path.join(outDir, 'color.png')} (192x192) and ${path.join(outDir, 'outline.png')} (32x32)`);
  if (previewDir) {
    const dir = path.resolve(previewDir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'color-2x.png'), encodePng(enlarge(color, 2)));
    writeFileSync(path.join(dir, 'outline-8x.png'), encodePng(enlarge(outline, 8, true)));
    console.log(`previews in ${dir}`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (e) {
    console.error(`make-icons: ${(e as Error).message}`);
    process.exit(1);
  }
}
