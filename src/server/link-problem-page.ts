import type { Language } from '../domain';

/**
 * A short page for a link that does not open (expired, changed, or its table or session erased),
 * instead of an empty error: what happened and whom to ask for a new link. In Dutch, or in English
 * when the browser asks for English first. The texts are passed in; nothing of the link is echoed.
 */
export interface LinkProblem {
  title: string;
  /** Paragraphs of plain text; escaped here. */
  paragraphs: ReadonlyArray<string>;
}

/** The language of the page: English only when the browser's first choice is English. */
export function pageLanguage(acceptLanguage: string | undefined): Language {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'nl';
}

export function linkProblemPage(lang: Language, problem: LinkProblem): string {
  const body = problem.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(problem.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}h1{color:#154273;font-size:1.4rem}</style></head>
<body><h1>${escapeHtml(problem.title)}</h1>${body}</body></html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
