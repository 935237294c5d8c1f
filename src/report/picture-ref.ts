import type { GroupView, Language } from '../domain';

/** The model picture as a card shows it: where to fetch it, and its words for a screen reader. */
export interface ModelPicture {
  url: string;
  alt: string;
}

/** A session as it was created, with the title its picture carries. */
export interface PictureSession {
  code: string;
  createdAt: number;
  title: string;
}

/**
 * Signed, expiring links to the model picture (made in src/server/picture-links.ts). A link names
 * one table instance (its token and creation time) or one session instance, and holds a fingerprint
 * of the picture, so its address changes exactly when the picture does: Teams then fetches the new
 * one instead of showing a cached one. The picture itself is drawn from the store when fetched.
 */
export interface ModelPictures {
  /** One table's filled model; `token` is tableToken(key), the view what everyone at the table may see. */
  modelPicture(token: string, view: GroupView): ModelPicture;
  /** A session's combined model: per card and zone how many of `tables` (its linked tables) put it there. */
  sessionPicture(session: PictureSession, tables: ReadonlyArray<GroupView>, lang: Language): ModelPicture;
}
