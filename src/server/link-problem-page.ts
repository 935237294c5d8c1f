import type { Language } from '../domain';
import { t } from '../i18n';

/**
 * What went wrong with a link someone opened: it is `broken` (changed, cut off, or not ours),
 * `expired`, or it is fine but what it named is `gone` (erased, or replaced by a new conversation).
 */
export type LinkProblem = 'broken' | 'expired' | 'gone';

/**
 * Who can give a new link: the table's gespreksleider (`samenvatting`), the session's organiser
 * (`totaalbeeld`), or, when the link does not say what it was for, either of them.
 */
export type LinkOwner = 'table' | 'session' | 'either';

export interface LinkProblemPage {
  lang: Language;
  html: string;
}

/**
 * The language of the page: English only when the browser prefers English to Dutch
 * (`Accept-Language`), Dutch otherwise, as everything the bot says.
 */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  let best: { lang: Language; q: number } = { lang: 'nl', q: 0 };
  for (const part of (acceptLanguage ?? '').split(',').slice(0, 20)) {
    const [tag = '', ...params] = part.trim().split(';');
    const lang = /^nl\b/i.test(tag) ? 'nl' : /^en\b/i.test(tag) ? 'en' : undefined;
    if (!lang) continue;
    const qParam = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    const q = qParam === undefined ? 1 : Number(qParam);
    // Dutch wins a tie: it is the bot's own language.
    if (Number.isFinite(q) && (q > best.q || (q === best.q && lang === 'nl'))) best = { lang, q };
  }
  return best.lang;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Our own message with its `**bold**` as <b>; the message holds no user text, and is escaped anyway. */
function htmlOf(text: string): string {
  return escapeHtml(text)
    .split('**')
    .map((part, i) => (i % 2 === 1 ? `<b>${part}</b>` : part))
    .join('');
}

/** The date and time a link expired, in the Netherlands, where the bot's tables are held. */
function whenText(ms: number, lang: Language): { date: string; time: string } {
  const locale = lang === 'nl' ? 'nl-NL' : 'en-GB';
  const zone = 'Europe/Amsterdam';
  return {
    date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date(ms)),
    time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(ms)),
  };
}

const ASK: Record<LinkOwner, 'linkProblem.askTable' | 'linkProblem.askSession' | 'linkProblem.askEither'> = {
  table: 'linkProblem.askTable',
  session: 'linkProblem.askSession',
  either: 'linkProblem.askEither',
};

/**
 * A short page for a download link that does not work: what happened and whom to ask for a new
 * link. Nothing of the table is on it (the link may have reached someone it was not meant for).
 */
export function linkProblemPage(problem: LinkProblem, owner: LinkOwner, lang: Language, expiresAt?: number): LinkProblemPage {
  const title = t(lang, `linkProblem.title.${problem}`);
  const what =
    problem === 'broken'
      ? t(lang, 'linkProblem.broken')
      : problem === 'gone'
        ? t(lang, 'linkProblem.gone')
        : expiresAt !== undefined
          ? t(lang, 'linkProblem.expired', whenText(expiresAt, lang))
          : title;
  return { lang, html: page(lang, title, [what, t(lang, ASK[owner])]) };
}

/**
 * The same page with texts of a link's own (a model picture says how to get a fresh picture): a
 * title and paragraphs, our own texts only, with `**bold**`.
 */
export function textProblemPage(lang: Language, problem: { title: string; paragraphs: ReadonlyArray<string> }): string {
  return page(lang, problem.title, problem.paragraphs);
}

function page(lang: Language, title: string, paragraphs: ReadonlyArray<string>): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#154273;font-size:1.5rem}footer{margin-top:2rem;color:#555;font-size:.875rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${htmlOf(p)}</p>`).join('')}</main><footer>${escapeHtml(t(lang, 'linkProblem.footer'))}</footer></body></html>`;
}
