/**
 * Escaping user text for Markdown (CommonMark and GitHub's tables), so that an argument or a name
 * reads exactly as typed and can never become emphasis, a heading, a link, HTML, a Teams mention
 * (`<at>`), code or a table column. Only backslash escapes are used: they render as the character
 * itself everywhere CommonMark is understood, and stay readable where the text is pasted as is.
 */

/** Characters with a meaning anywhere in a line. `#` is included because a heading's title may end in one. */
const ANYWHERE = /[\\`*_[\]<#|~]/g;
/** `&` only where it would start an entity such as `&amp;` or `&#60;`. */
const ENTITY = /&(?=#?[0-9A-Za-z]+;)/g;

/** One line of text: every special character escaped, and what would start a block at line start. */
function escapeLine(line: string): string {
  return (
    line
      .replace(ANYWHERE, '\\$&')
      .replace(ENTITY, '\\&')
      // Blockquote, list item, setext underline or thematic break.
      .replace(/^([>+=-])/, '\\$1')
      // Ordered list item: "1. " or "1) ".
      .replace(/^(\d{1,9})([.)])/, '$1\\$2')
  );
}

function lines(text: string): string[] {
  return (
    text
      .split(/\r\n?|\n/)
      // Leading spaces would make an indented code block; empty lines would end a list item.
      .map((l) => l.trim())
      .filter((l) => l.length > 0)
  );
}

/** User text on one line (table cells, headings, list labels): line breaks become spaces. */
export function escapeInline(text: string): string {
  return lines(text).map(escapeLine).join(' ');
}

/**
 * User text that may keep its line breaks, e.g. a note inside a list item. Lines are joined with a
 * hard break (a backslash at the end of the line) and indented by `indent`, so the text stays inside
 * the list item or paragraph where it was put.
 */
export function escapeBlock(text: string, indent = ''): string {
  return lines(text).map(escapeLine).join(`\\\n${indent}`);
}

/** Reverses the escaping, as a CommonMark renderer reads it; for tests. */
export function unescapeMarkdown(markdown: string): string {
  return markdown.replace(/\\\n\s*/g, '\n').replace(/\\([!-/:-@[-`{-~])/g, '$1');
}
