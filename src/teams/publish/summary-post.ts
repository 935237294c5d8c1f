import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { GroupView } from '../../domain';
import { t } from '../../i18n';
import { buildTableSummary } from '../../report/table-summary';
import { tableSummaryMarkdown } from '../../report/markdown';
import type { ModelPicture } from '../../report/picture-ref';
import { summaryCard } from '../../views/summary-view';
import { post, sendMessage } from '../outbound/outbound';

/** At afsluiting: the table's summary as a card in the conversation, with the picture of its model. */
export async function postSummary(context: TurnContext, state: GroupView, picture?: ModelPicture): Promise<void> {
  const lang = state.settings.language;
  await post(context, summaryCard(buildTableSummary(state, lang), lang, picture), t(lang, 'phase.ended'));
}

/** Teams refuses messages much over 28 KB; a long report goes out in parts, split between paragraphs. */
const MAX_CHARS = 20_000;

export function splitMarkdown(markdown: string, max = MAX_CHARS): string[] {
  const parts: string[] = [];
  let current = '';
  for (const block of markdown.split(/\n{2,}/)) {
    const candidate = current ? `${current}\n\n${block}` : block;
    if (candidate.length <= max) current = candidate;
    else {
      if (current) parts.push(current);
      current = block.length <= max ? block : block.slice(0, max);
    }
  }
  if (current) parts.push(current);
  return parts;
}

/** `samenvatting`: the same summary as Markdown text, to paste into a report or memo. */
export async function postMarkdownSummary(context: TurnContext, state: GroupView): Promise<void> {
  const lang = state.settings.language;
  const markdown = tableSummaryMarkdown(buildTableSummary(state, lang), lang);
  const parts = splitMarkdown(markdown);
  for (const [i, part] of parts.entries()) {
    // In a code block Teams shows the Markdown as it is, ready to copy into a memo; rendered, its
    // headings and table would be lost or mangled. User text in it has its backticks escaped.
    const block = `\`\`\`markdown\n${part}\n\`\`\``;
    const text = i === 0 ? `${t(lang, 'ended.markdownIntro')}\n\n${block}` : block;
    await sendMessage(context, { type: ActivityTypes.Message, text, textFormat: 'markdown' });
  }
}
