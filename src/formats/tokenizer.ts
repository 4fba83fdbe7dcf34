// The tokenizer behind exports/conll.txt, named in the bundle manifest so a pipeline knows
// how tokens were cut. It is a fixed regular expression over Unicode properties, so a
// pipeline can reproduce it exactly (Python: the `regex` module, same pattern):
//
//   whitespace (White_Space) separates tokens and belongs to none;
//   a run of letters, marks, digits and connector punctuation is one token, except that each
//     Han, Hiragana or Katakana character is a token of its own (those scripts use no spaces);
//   a pair of regional indicators (a flag) is one token;
//   any other character (punctuation, symbol, emoji) is a token of its own;
//   a token also takes the marks, variation selectors, emoji modifiers, tag characters and
//     zero-width-joined characters that follow it, so an emoji sequence stays whole.

export const CONLL_TOKENIZER = 'airlock-basic-v1';

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}`;
const EXTEND = String.raw`(?:[\p{M}\uFE0E\uFE0F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]|\u200D[^\p{White_Space}])*`;
// The class ranges are whole astral code points under the `u` flag, not emoji glued to
// modifiers, which is what this rule fears.
const TOKEN = new RegExp(
  // eslint-disable-next-line no-misleading-character-class
  [
    String.raw`[${CJK}]${EXTEND}`,
    String.raw`(?:(?![${CJK}])[\p{L}\p{M}\p{N}\p{Pc}])+${EXTEND}`,
    String.raw`[\u{1F1E6}-\u{1F1FF}]{2}${EXTEND}`,
    String.raw`[^\p{White_Space}]${EXTEND}`,
  ].join('|'),
  'gu',
);

/** Line breaks in the whitespace between two tokens start a new CoNLL sentence. */
const LINE_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

export interface Token {
  text: string;
  /** Half-open code point offsets in the text. */
  start: number;
  end: number;
  /** A line break separates this token from the one before it. */
  newLine: boolean;
}

/** The text's tokens in order, with code point offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let utf16 = 0;
  let codePoint = 0;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m !== null; m = TOKEN.exec(text)) {
    const gap = text.slice(utf16, m.index);
    const start = codePoint + codePoints(gap);
    const end = start + codePoints(m[0]);
    tokens.push({ text: m[0], start, end, newLine: tokens.length > 0 && LINE_BREAK.test(gap) });
    utf16 = m.index + m[0].length;
    codePoint = end;
  }
  return tokens;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
