import { CodePointIndex } from './offsets.ts';
import {
  compileTokens,
  longest,
  PatternError,
  regex,
  tokenize,
  type Step,
  type TokenSpec,
} from './token-patterns.ts';

export { PatternError, tokenize, type TokenSpec };

// Pre-labeling without a model: phrases (term lists), spaCy-style token patterns (as Prodigy's
// patterns JSONL writes them) and regular expressions, matched on a text's tokens. Pure; the
// matches are code point offsets, as spans are stored. Phrases sit in a map keyed by their first
// token, so a text costs about one lookup per token however many terms there are.

export type PatternRule =
  | { label: string; kind: 'phrase'; text: string; ignoreCase: boolean }
  | { label: string; kind: 'tokens'; tokens: TokenSpec[] }
  | { label: string; kind: 'regex'; source: string; ignoreCase: boolean };

/** A match, in code points. `label` is whatever the rule carried (a name or an id). */
export interface PatternMatch {
  label: string;
  start: number;
  end: number;
}

interface Phrase {
  label: string;
  keys: string[];
  ignoreCase: boolean;
}

/** Rules compiled once, matched on any number of texts. */
export class PatternMatcher {
  private readonly exact = new Map<string, Phrase[]>();
  private readonly folded = new Map<string, Phrase[]>();
  private readonly tokenRules: { label: string; steps: Step[] }[] = [];
  private readonly regexes: { label: string; re: RegExp }[] = [];

  constructor(rules: readonly PatternRule[]) {
    for (const rule of rules) {
      if (rule.kind === 'phrase') {
        const tokens = tokenize(rule.text);
        if (tokens.length === 0) continue;
        const keys = tokens.map((t) => (rule.ignoreCase ? t.lower : t.text));
        const map = rule.ignoreCase ? this.folded : this.exact;
        const list = map.get(keys[0]!) ?? [];
        list.push({ label: rule.label, keys, ignoreCase: rule.ignoreCase });
        map.set(keys[0]!, list);
      } else if (rule.kind === 'tokens') {
        this.tokenRules.push({ label: rule.label, steps: compileTokens(rule.tokens) });
      } else {
        this.regexes.push({
          label: rule.label,
          re: regex(rule.source, rule.ignoreCase ? 'gi' : 'g'),
        });
      }
    }
  }

  /** Matches in a text: per label the longest, never overlapping each other; sorted. */
  match(text: string): PatternMatch[] {
    const found: { label: string; start: number; end: number }[] = []; // UTF-16
    const tokens = tokenize(text);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      for (const phrase of [
        ...(this.exact.get(token.text) ?? []),
        ...(this.folded.get(token.lower) ?? []),
      ]) {
        const n = phrase.keys.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) {
          const t = tokens[i + k]!;
          ok = (phrase.ignoreCase ? t.lower : t.text) === phrase.keys[k];
        }
        if (ok)
          found.push({ label: phrase.label, start: token.start, end: tokens[i + n - 1]!.end });
      }
      for (const rule of this.tokenRules) {
        const end = longest(rule.steps, tokens, i);
        if (end > 0)
          found.push({ label: rule.label, start: token.start, end: tokens[end - 1]!.end });
      }
    }
    for (const { label, re } of this.regexes) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex += 1;
          continue;
        }
        found.push({ label, start: m.index, end: m.index + m[0].length });
      }
    }
    if (found.length === 0) return [];
    const index = new CodePointIndex(text);
    return keepLongest(found).map((m) => ({
      label: m.label,
      start: index.toCodePoint(m.start),
      end: index.toCodePoint(m.end),
    }));
  }
}

/** Per label, longest matches first, dropping any that overlaps one already kept. */
function keepLongest<T extends { label: string; start: number; end: number }>(found: T[]): T[] {
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept = new Map<string, T[]>();
  const out: T[] = [];
  for (const m of found) {
    const list = kept.get(m.label) ?? [];
    if (list.some((k) => k.start < m.end && m.start < k.end)) continue;
    list.push(m);
    kept.set(m.label, list);
    out.push(m);
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end || (a.label < b.label ? -1 : 1));
}

/** One term per line (blank lines skipped), as phrase rules. */
export function termRules(label: string, terms: string, ignoreCase: boolean): PatternRule[] {
  return terms
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .map((text) => ({ label, kind: 'phrase', text, ignoreCase }));
}

/**
 * Reads Prodigy's patterns JSONL: one `{"label": …, "pattern": "text" | [token dicts]}` per
 * line. Phrases match case as written (as Prodigy's do). A bad line throws, naming the line.
 */
export function parsePatternsJsonl(content: string): PatternRule[] {
  const rules: PatternRule[] = [];
  const lines = content.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new PatternError(`${where}: not JSON`);
    }
    const record = value as { label?: unknown; pattern?: unknown };
    if (
      typeof record !== 'object' ||
      record === null ||
      typeof record.label !== 'string' ||
      record.label.trim() === ''
    )
      throw new PatternError(`${where}: needs a "label"`);
    const label = record.label;
    try {
      if (typeof record.pattern === 'string') {
        if (record.pattern.trim() === '') throw new PatternError('the pattern is empty');
        rules.push({ label, kind: 'phrase', text: record.pattern, ignoreCase: false });
      } else if (Array.isArray(record.pattern)) {
        const tokens = record.pattern as TokenSpec[];
        compileTokens(tokens); // checked now, so a bad line is named before anything is stored
        rules.push({ label, kind: 'tokens', tokens });
      } else throw new PatternError('"pattern" is a string or a list of token objects');
    } catch (error) {
      if (error instanceof PatternError) throw new PatternError(`${where}: ${error.message}`);
      throw error;
    }
  });
  return rules;
}

/** Checks a rule compiles (a regular expression, token conditions); throws a PatternError. */
export function checkRule(rule: PatternRule): void {
  if (rule.kind === 'regex') regex(rule.source, rule.ignoreCase ? 'gi' : 'g');
  if (rule.kind === 'tokens') compileTokens(rule.tokens);
}
