import { describe, expect, it } from 'vitest';
import {
  PatternError,
  PatternMatcher,
  parsePatternsJsonl,
  termRules,
  type PatternMatch,
} from '../../../src/model/patterns.ts';

/** What Python's text[start:end] gives for each match, with its label. */
const slices = (text: string, matches: PatternMatch[]) =>
  matches.map((m) => `${m.label}=${[...text].slice(m.start, m.end).join('')}`);

describe('pattern matcher', () => {
  it('matches term lists on whole tokens, with or without case', () => {
    const text = 'ACME Corp bought Acme corp; acmecorp is not a match, nor is Acme Corporation.';
    const exact = new PatternMatcher(termRules('ORG', 'Acme Corp\nAcme', false));
    expect(slices(text, exact.match(text))).toEqual(['ORG=Acme', 'ORG=Acme']);
    const folded = new PatternMatcher(termRules('ORG', 'acme corp', true));
    expect(slices(text, folded.match(text))).toEqual(['ORG=ACME Corp', 'ORG=Acme corp']);
  });

  it('gives code point offsets after emoji, flags, combining marks and astral characters', () => {
    const text = '👩🏽‍💻 met 🇨🇭 Zürich and 𝒜da in Zürich, 日本 too';
    const matcher = new PatternMatcher([
      ...termRules('GPE', 'Zürich\n日本', false),
      ...termRules('PERSON', '𝒜da', false),
      { label: 'FLAG', kind: 'regex', source: '\\p{RI}{2}', ignoreCase: false },
    ]);
    expect(slices(text, matcher.match(text))).toEqual([
      'FLAG=🇨🇭',
      'GPE=Zürich',
      'PERSON=𝒜da',
      'GPE=Zürich',
      'GPE=日本',
    ]);
    const decomposed = 'Zu\u0308rich';
    expect(
      slices(
        decomposed,
        new PatternMatcher(termRules('GPE', 'Zu\u0308rich', false)).match(decomposed),
      ),
    ).toEqual(['GPE=Zu\u0308rich']);
  });

  it('reads Prodigy patterns JSONL: phrases and token dicts with OP quantifiers', () => {
    const rules = parsePatternsJsonl(
      [
        '{"label": "ORG", "pattern": "Acme Research"}',
        '',
        '{"label": "MONEY", "pattern": [{"LOWER": {"IN": ["usd", "$"]}}, {"LIKE_NUM": true, "OP": "+"}]}',
        '{"label": "PERSON", "pattern": [{"lower": "dr"}, {"ORTH": ".", "OP": "?"}, {"IS_TITLE": true}]}',
        '{"label": "CODE", "pattern": [{"TEXT": {"REGEX": "^[A-Z]{2}\\\\d+$"}}]}',
      ].join('\r\n'),
    );
    const text = 'Dr. Hopper of Acme Research paid USD 1,200 for AB12; dr Ada, acme research.';
    expect(slices(text, new PatternMatcher(rules).match(text))).toEqual([
      'PERSON=Dr. Hopper',
      'ORG=Acme Research',
      'MONEY=USD 1,200',
      'CODE=AB12',
      'PERSON=dr Ada',
    ]);
  });

  it('keeps the longest non-overlapping match per label, and overlaps across labels', () => {
    const text = 'New York City is big';
    const matcher = new PatternMatcher([
      ...termRules('GPE', 'New York\nNew York City\nYork', false),
      ...termRules('CITY', 'York City', false),
    ]);
    expect(slices(text, matcher.match(text))).toEqual(['GPE=New York City', 'CITY=York City']);
  });

  it('handles negation and exact counts', () => {
    const text = 'a b c a x c';
    const matcher = new PatternMatcher([
      {
        label: 'T',
        kind: 'tokens',
        tokens: [{ ORTH: 'a' }, { ORTH: 'b', OP: '!' }, { ORTH: 'c' }],
      },
      { label: 'N', kind: 'tokens', tokens: [{ IS_ALPHA: true, OP: '{3}' }] },
    ]);
    expect(slices(text, matcher.match(text))).toEqual(['N=a b c', 'N=a x c', 'T=a x c']);
  });

  it('skips empty regular expression matches and names bad lines', () => {
    const text = 'ab';
    expect(
      new PatternMatcher([{ label: 'X', kind: 'regex', source: 'z*', ignoreCase: false }]).match(
        text,
      ),
    ).toEqual([]);
    expect(() => parsePatternsJsonl('{"label": "A", "pattern": "x"}\nnot json')).toThrow(
      'line 2: not JSON',
    );
    expect(() => parsePatternsJsonl('{"pattern": "x"}')).toThrow('line 1: needs a "label"');
    expect(() => parsePatternsJsonl('{"label": "A", "pattern": [{"POS": "NOUN"}]}')).toThrow(
      /line 1: POS needs a language model/,
    );
    expect(() =>
      parsePatternsJsonl('{"label": "A", "pattern": [{"ORTH": "a", "OP": "%"}]}'),
    ).toThrow(PatternError);
    expect(
      () => new PatternMatcher([{ label: 'X', kind: 'regex', source: '(', ignoreCase: false }]),
    ).toThrow(/not a valid regular expression/);
  });
});
