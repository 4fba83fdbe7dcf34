import { checkText, type TextRecord } from './text-record.ts';
import { decodeUtf8 } from './utf8.ts';

/** A .txt file is one item: the whole file, exactly as written. */
export function parseTxt(file: string, bytes: Uint8Array): TextRecord[] {
  const text = decodeUtf8(file, bytes);
  checkText(file, undefined, text);
  return [{ name: file, text }];
}
