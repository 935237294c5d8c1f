import { COMMANDS } from './commands';

/**
 * The command word closest to what was typed, for "Bedoel je **volgende**?" instead of the whole help
 * card. Jaro-Winkler similarity: a typo, a swapped pair of letters or a shared start (`vorige` →
 * `volgende`) counts as near, so the leider sees the command they most likely meant.
 */
export function nearestCommand(text: string): string | undefined {
  const typed = text.trim().replace(/^\//, '').toLowerCase().split(/\s+/).filter(Boolean);
  if (typed.length === 0) return undefined;
  let best: { word: string; score: number } | undefined;
  for (const word of words()) {
    // A phrase ("stille ronde") is held against as many typed words as it has.
    const against = typed.slice(0, word.split(' ').length).join(' ');
    const score = similarity(against, word);
    if (!best || score > best.score) best = { word, score };
  }
  return best && best.score >= NEAR ? best.word : undefined;
}

/** Below this, the nearest word has too little in common with what was typed to suggest it. */
const NEAR = 0.75;

let known: string[] | undefined;

/** Every word and phrase that starts a command, in Dutch and English; `?` is no word to suggest. */
function words(): string[] {
  known ??= [...new Set(COMMANDS.flatMap((spec) => [...spec.words.nl, ...spec.words.en]))].filter((w) => /^\p{L}/u.test(w));
  return known;
}

/** Jaro-Winkler similarity of two strings, from 0 (nothing alike) to 1 (the same). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const jaro = jaroOf(a, b);
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && a[prefix] === b[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function jaroOf(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aHit = new Array<boolean>(a.length).fill(false);
  const bHit = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = Math.max(0, i - window); j < Math.min(b.length, i + window + 1); j++) {
      if (bHit[j] || a[i] !== b[j]) continue;
      aHit[i] = bHit[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;
  let k = 0;
  let swapped = 0;
  for (let i = 0; i < a.length; i++) {
    if (!aHit[i]) continue;
    while (!bHit[k]) k++;
    if (a[i] !== b[k]) swapped++;
    k++;
  }
  return (matches / a.length + matches / b.length + (matches - swapped / 2) / matches) / 3;
}
