// spaCy-style token patterns (Prodigy's patterns JSONL writes them): a tokenizer close to
// spaCy's for words and punctuation, token conditions on surface attributes only, and a small
// backtracking matcher for the OP quantifiers. Attributes needing a language model are refused.

/** One token condition, as in spaCy's Matcher: {"LOWER": "acme"}, {"IS_DIGIT": true, "OP": "+"}. */
export type TokenSpec = Record<string, unknown>;

export class PatternError extends Error {}

export interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
}

let segmenter: Intl.Segmenter | undefined;

/** Combining marks, joiners, variation selectors, skin tones and tag characters. */
const ATTACHED = /^(?:\p{M}|\u200d|\ufe0f|\p{Emoji_Modifier}|[\u{e0020}-\u{e007f}])$/u;

/** Words, and every other non-space character (punctuation, emoji) as a token of its own. */
export function tokenize(text: string): Token[] {
  segmenter ??= new Intl.Segmenter('en', { granularity: 'word' });
  const out: Token[] = [];
  for (const { segment, index, isWordLike } of segmenter.segment(text)) {
    if (isWordLike) {
      out.push({
        start: index,
        end: index + segment.length,
        text: segment,
        lower: segment.toLowerCase(),
      });
      continue;
    }
    let at = index;
    for (const char of segment) {
      if (!/^\s$/u.test(char)) {
        // Marks and joiners belong to the character before them (a flag, a family emoji).
        const last = out[out.length - 1];
        if (last && last.end === at && ATTACHED.test(char)) {
          last.end += char.length;
          last.text += char;
          last.lower += char;
        } else if (
          last &&
          last.end === at &&
          /^\p{RI}$/u.test(char) &&
          /^\p{RI}$/u.test(last.text)
        ) {
          last.end += char.length;
          last.text += char;
          last.lower += char;
        } else
          out.push({ start: at, end: at + char.length, text: char, lower: char.toLowerCase() });
      }
      at += char.length;
    }
  }
  return out;
}

const OPS: Record<string, [number, number]> = {
  '?': [0, 1],
  '*': [0, Infinity],
  '+': [1, Infinity],
  '1': [1, 1],
};

const ATTRIBUTES = new Set([
  'ORTH',
  'TEXT',
  'LOWER',
  'NORM',
  'LENGTH',
  'IS_ALPHA',
  'IS_ASCII',
  'IS_DIGIT',
  'IS_LOWER',
  'IS_UPPER',
  'IS_TITLE',
  'IS_PUNCT',
  'IS_SPACE',
  'LIKE_NUM',
  'LIKE_EMAIL',
  'LIKE_URL',
]);

export interface Step {
  test: (token: Token) => boolean;
  min: number;
  max: number;
  negate: boolean;
}

function attribute(token: Token, name: string): string | number | boolean {
  switch (name) {
    case 'ORTH':
    case 'TEXT':
      return token.text;
    case 'LOWER':
    case 'NORM':
      return token.lower;
    case 'LENGTH':
      return [...token.text].length;
    case 'IS_ALPHA':
      return /^\p{L}+$/u.test(token.text);
    case 'IS_ASCII':
      return [...token.text].every((c) => c.codePointAt(0)! < 0x80);
    case 'IS_DIGIT':
      return /^\p{Nd}+$/u.test(token.text);
    case 'IS_LOWER':
      return /\p{L}/u.test(token.text) && token.text === token.lower;
    case 'IS_UPPER':
      return /\p{L}/u.test(token.text) && token.text === token.text.toUpperCase();
    case 'IS_TITLE':
      return /^\p{Lu}[\p{Ll}\p{M}]*$/u.test(token.text);
    case 'IS_PUNCT':
      return /^\p{P}+$/u.test(token.text);
    case 'IS_SPACE':
      return /^\s+$/u.test(token.text);
    case 'LIKE_NUM':
      return /^[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)%?$/u.test(token.text);
    case 'LIKE_EMAIL':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/u.test(token.text);
    case 'LIKE_URL':
      return /^(https?:\/\/|www\.)\S+$/iu.test(token.text);
    default:
      return false;
  }
}

function condition(name: string, wanted: unknown): (token: Token) => boolean {
  const get = (t: Token) => attribute(t, name);
  if (wanted !== null && typeof wanted === 'object' && !Array.isArray(wanted)) {
    const tests = Object.entries(wanted as Record<string, unknown>).map(([op, value]) => {
      switch (op) {
        case 'IN':
        case 'NOT_IN': {
          if (!Array.isArray(value)) throw new PatternError(`${name}.${op} needs a list`);
          const set = new Set(value);
          return op === 'IN' ? (t: Token) => set.has(get(t)) : (t: Token) => !set.has(get(t));
        }
        case 'REGEX': {
          if (typeof value !== 'string') throw new PatternError(`${name}.REGEX needs a string`);
          const re = regex(value, '');
          return (t: Token) => re.test(String(get(t)));
        }
        case '==':
        case '!=':
        case '>=':
        case '<=':
        case '>':
        case '<': {
          const v = Number(value);
          return (t: Token) => {
            const n = Number(get(t));
            return op === '=='
              ? n === v
              : op === '!='
                ? n !== v
                : op === '>='
                  ? n >= v
                  : op === '<='
                    ? n <= v
                    : op === '>'
                      ? n > v
                      : n < v;
          };
        }
        default:
          throw new PatternError(`${name} has an unknown operator ${JSON.stringify(op)}`);
      }
    });
    return (t) => tests.every((test) => test(t));
  }
  return (t) => get(t) === wanted;
}

export function compileTokens(specs: readonly TokenSpec[]): Step[] {
  if (specs.length === 0) throw new PatternError('a token pattern needs at least one token');
  return specs.map((spec) => {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec))
      throw new PatternError('each token of a pattern is an object like {"LOWER": "acme"}');
    let op = '1';
    const tests: ((t: Token) => boolean)[] = [];
    for (const [key, value] of Object.entries(spec)) {
      const name = key.toUpperCase();
      if (name === 'OP') {
        op = String(value);
        continue;
      }
      if (!ATTRIBUTES.has(name))
        throw new PatternError(
          `${key} needs a language model (part of speech, lemma, entity…), which Airlock does not run`,
        );
      tests.push(condition(name, value));
    }
    const negate = op === '!';
    const range = negate ? [1, 1] : (OPS[op] ?? quantifier(op));
    return {
      test: (t) => tests.every((test) => test(t)),
      min: range[0]!,
      max: range[1]!,
      negate,
    };
  });
}

function quantifier(op: string): [number, number] {
  const m = /^\{(\d*)(,?)(\d*)\}$/.exec(op);
  if (!m || (m[1] === '' && m[3] === ''))
    throw new PatternError(`unknown OP ${JSON.stringify(op)} (use ?, *, +, ! or {n,m})`);
  const min = m[1] === '' ? 0 : Number(m[1]);
  const max = m[2] === '' ? min : m[3] === '' ? Infinity : Number(m[3]);
  return [min, max];
}

/** End token index of the longest match of `steps` from token `at`, or -1. */
export function longest(steps: readonly Step[], tokens: readonly Token[], at: number): number {
  let best = -1;
  const go = (s: number, t: number) => {
    if (s === steps.length) {
      if (t > best) best = t;
      return;
    }
    const step = steps[s]!;
    let n = 0;
    let k = t;
    while (n < step.min) {
      if (k >= tokens.length || step.test(tokens[k]!) === step.negate) return;
      k++;
      n++;
    }
    const ends = [k];
    while (n < step.max && k < tokens.length && step.test(tokens[k]!) !== step.negate) {
      k++;
      n++;
      ends.push(k);
    }
    for (let i = ends.length - 1; i >= 0; i--) go(s + 1, ends[i]!);
  };
  go(0, at);
  return best > at ? best : -1;
}

export function regex(source: string, flags: string): RegExp {
  try {
    return new RegExp(source, flags + 'u');
  } catch (error) {
    throw new PatternError(`not a valid regular expression: ${(error as Error).message}`);
  }
}
