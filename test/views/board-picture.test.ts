import { groupView } from '../../src/domain';
import { buildTableSummary } from '../../src/report/table-summary';
import { ExportLinkSigner } from '../../src/server/export-links';
import { PictureLinks } from '../../src/server/picture-links';
import { boardView, renderCard } from '../../src/views';
import { CARD_BUDGET, cardBytes } from '../../src/views/fit';
import { summaryCard } from '../../src/views/summary-view';
import { channelPostCard } from '../../src/views/channel-post-view';
import { overviewCard } from '../../src/views/overview-view';
import { combineTables } from '../../src/report/combined';
import { session } from '../report/session-fixtures';
import { findAll } from '../support/cards';
import { maxTable } from './max-table';

const pictures = new PictureLinks(
  new ExportLinkSigner({ secret: 'test-secret-that-is-long-enough-for-hmac-0123456789', baseUrl: 'https://bot.example.nl', days: 7 }),
  { days: 7 },
);
const TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAA';

describe('the model picture on the cards', () => {
  // A 100-card deck with every card placed and every text at its maximum: the longest alt text there is.
  const view = groupView(maxTable({ deck: 100, text: 'max', placeAll: true }));
  const picture = pictures.modelPicture(TOKEN, view);

  it('keeps the board within the card budget, with the picture and its alt text', () => {
    const card = renderCard('board', boardView(view, 'nl', undefined, picture));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET);
    const images = findAll(card, (n) => n.type === 'Image');
    expect(images).toEqual([
      expect.objectContaining({
        url: picture.url,
        altText: picture.alt,
        size: 'Stretch',
        msteams: { allowExpand: true },
        // On a phone the picture's words are too small: a tap opens it at full size, from the same signed link.
        selectAction: { type: 'Action.OpenUrl', url: picture.url, title: 'Het model op ware grootte openen' },
      }),
    ]);
    expect(picture.alt.length).toBeGreaterThan(1000);
  });

  it('keeps the summary within the card budget, with the picture', () => {
    const card = summaryCard(buildTableSummary(view, 'nl'), 'nl', picture);
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BUDGET);
    expect(findAll(card, (n) => n.type === 'Image').map((n) => [n.url, n.selectAction])).toEqual([
      [picture.url, { type: 'Action.OpenUrl', url: picture.url, title: 'Het model op ware grootte openen' }],
    ]);
  });

  it("opens the picture at full size from the organiser's post and the totaalbeeld too, in their language", () => {
    const post = channelPostCard(buildTableSummary(view, 'en'), 'en', { pictureUrl: picture.url });
    const overview = overviewCard(combineTables([view], 'en'), session(['t1']), 'en', [], picture);
    for (const card of [post, overview]) {
      expect(findAll(card, (n) => n.type === 'Image').map((n) => n.selectAction)).toEqual([
        { type: 'Action.OpenUrl', url: picture.url, title: 'Open the model at full size' },
      ]);
    }
  });

  it('shows no image without picture links', () => {
    expect(findAll(renderCard('board', boardView(view, 'nl')), (n) => n.type === 'Image')).toEqual([]);
  });
});
