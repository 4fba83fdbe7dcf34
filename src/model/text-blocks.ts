// A long text is shown block by block so only the blocks in view are rendered: one block per
// line (paragraph), and a very long line cut after a sentence or a space near BLOCK_CHARS.
// Offsets are UTF-16 (the DOM's unit); blocks cover the text exactly once, in order.

export interface TextBlock {
  start: number;
  end: number;
  /** The paragraph's direction, from its first strong character (as `dir="auto"` decides). */
  dir: 'ltr' | 'rtl';
}

export const BLOCK_CHARS = 2000;

// Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms.
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const STRONG = /[\p{L}]/u;

/** Direction of a paragraph: that of its first letter; left to right without one. */
export function paragraphDirection(paragraph: string): 'ltr' | 'rtl' {
  const first = STRONG.exec(paragraph);
  return first && RTL.test(first[0]) ? 'rtl' : 'ltr';
}

/** Cuts the text into blocks: at every line end, and long lines near `max` characters. */
export function textBlocks(text: string, max = BLOCK_CHARS): TextBlock[] {
  const out: TextBlock[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 ? text.length : newline + 1;
    const dir = paragraphDirection(text.slice(at, Math.min(lineEnd, at + 4000)));
    for (let from = at; from < lineEnd;) {
      const to = lineEnd - from <= max ? lineEnd : cutNear(text, from, from + max);
      out.push({ start: from, end: to, dir });
      from = to;
    }
    at = lineEnd;
  }
  return out;
}

/** An offset just after a sentence end or a space before `limit`, never inside a pair. */
function cutNear(text: string, from: number, limit: number): number {
  const floor = from + Math.floor((limit - from) / 2);
  const sentence = Math.max(
    text.lastIndexOf('. ', limit - 2),
    text.lastIndexOf('? ', limit - 2),
    text.lastIndexOf('! ', limit - 2),
  );
  if (sentence >= floor) return sentence + 2;
  const space = text.lastIndexOf(' ', limit - 1);
  if (space >= floor) return space + 1;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/** Index of the block holding a UTF-16 offset (the last block for the text's end). */
export function blockAt(blocks: readonly TextBlock[], offset: number): number {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (blocks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
