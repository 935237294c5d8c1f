import type { ParticipantInput } from './participant-input';
import { participantInputV1 } from './schema/table-state';
import { check, parseJson, type StoredRead } from './schema/versioned';

/**
 * A participant's field in the table's Redis hash (`u:<user id>`) holds `<revision>|<at>|<JSON>`:
 * the revision first (16 characters), so the write script compares it without parsing the JSON.
 */
export function readInputField(value: string): StoredRead<ParticipantInput> {
  const bar = value.indexOf('|', 17);
  const at = Number(value.slice(17, bar));
  if (value[16] !== '|' || bar < 0 || !Number.isFinite(at)) return { ok: false, unreadable: { reason: 'shape', issues: ['field'] } };
  const json = parseJson(value.slice(bar + 1));
  if (!json.ok) return json;
  return check(participantInputV1, { ...(json.value as object), at });
}

/**
 * The JSON part of a field (after `<revision>|<at>|`) as stored. This code stores `inputContent` of
 * the input there, so it stands for the input read without stringifying it again: equal text means
 * unchanged. A field written otherwise (by another release) only compares unequal, and is rewritten.
 */
export function storedInputText(value: string): string {
  return value.slice(value.indexOf('|', 17) + 1);
}
