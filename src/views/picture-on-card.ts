import type { Language } from '../domain';
import { t } from '../i18n';
import type { ModelPicture } from '../report/picture-ref';

/**
 * The model picture as a card shows it. At a phone's width its words are too small to read, so a tap
 * opens the picture itself at full size (1200 px): the same signed link the card already fetches it
 * from, so it shows nobody more than the card does, and it stops working when the card's picture does
 * (expiry, `wis`).
 */
export function pictureOnCard(picture: ModelPicture, lang: Language): { url: string; alt: string; open: string } {
  return { url: picture.url, alt: picture.alt, open: t(lang, 'picture.open') };
}
