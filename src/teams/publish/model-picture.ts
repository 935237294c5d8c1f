import { groupView, type TableState } from '../../domain';
import type { ModelPicture, ModelPictures } from '../../report/picture-ref';
import { tableToken, type TableKey } from '../../store';

/**
 * The picture of the table's model for a card, always as everyone at the table may see it (also on
 * a card answered to one person); none when the bot has no picture links (tests with their own deps).
 */
export function modelPictureOf(pictures: ModelPictures | undefined, key: TableKey, state: TableState): ModelPicture | undefined {
  return pictures?.modelPicture(tableToken(key), groupView(state));
}
