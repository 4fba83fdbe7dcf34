import { ImportRejected } from './rejection.ts';
import { firstLoneSurrogate } from '../text/utf8.ts';

/** A text item to be, before it is hashed and stored. */
export interface TextRecord {
  /** What the labeler sees in the item list: an id from the file, or file:line. */
  name: string;
  text: string;
}

/**
 * Rejects text that cannot be labeled or exported faithfully. A lone surrogate (which gets in
 * through JSON escapes such as "\ud800") would silently become U+FFFD when written as UTF-8.
 */
export function checkText(file: string, line: number | undefined, text: string): void {
  const at = firstLoneSurrogate(text);
  if (at !== -1) {
    throw new ImportRejected(
      file,
      `contains a lone surrogate at code unit ${at}, which is not valid Unicode text`,
      line,
    );
  }
  if (text.trim() === '') throw new ImportRejected(file, 'has no text', line);
}
