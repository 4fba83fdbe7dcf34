import type { ExportView, ExportWarning } from './export-input.ts';
import type { SpanAnnotation } from '../model/annotation.ts';

// BIO tagging shared by CoNLL (conll.ts) and the Hugging Face token JSONL (hf-tokens.ts):
// which tokens each span covers, and what cannot be said with one tag per token.

/** A label name as a tag: whitespace would split a CoNLL column, so it becomes `_`. */
export function tagName(label: string): string {
  return label.trim().replace(/\s+/gu, '_');
}

/** Tag names of the span labels, by label id; two labels that would read the same are reported. */
export function spanTags(
  view: ExportView,
  warnings: ExportWarning[],
  path: string,
): Map<string, string> {
  const tags = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const label of view.project.labels) {
    const tag = tagName(label.name);
    tags.set(label.id, tag);
    const other = owner.get(tag);
    if (other !== undefined && label.kinds.includes('span')) {
      warnings.push({
        path,
        itemId: '',
        itemName: '',
        reason: `labels "${other}" and "${label.name}" both become the tag ${tag}`,
      });
    }
    if (label.kinds.includes('span')) owner.set(tag, label.name);
  }
  return tags;
}

interface TokenLike {
  text: string;
  start: number;
  end: number;
  newLine: boolean;
}

/** Per token: the tag type of the span covering it (or none), and whether a span starts there. */
export interface TaggedTokens {
  types: (string | undefined)[];
  starts: boolean[];
}

/**
 * BIO gives a token one tag, so a span that covers no token or overlaps an earlier span (by
 * start) is left out and reported; one that cuts through a token is too, unless the export
 * widens spans to whole tokens (view.widenSpans), which it then reports as a change. With
 * `sentences` (a CoNLL file's own), a span crossing a sentence break is written and reported.
 */
export function tagTokens(
  view: ExportView,
  itemId: string,
  tokens: readonly TokenLike[],
  tagOf: ReadonlyMap<string, string>,
  warn: (span: SpanAnnotation, reason: string) => void,
  how: { tokenizer: string; sentences: boolean },
): TaggedTokens {
  const tokenizer = how.tokenizer;
  const types: (string | undefined)[] = tokens.map(() => undefined);
  const starts: boolean[] = tokens.map(() => false);
  const spans = view
    .ofType(itemId, 'span')
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  for (const span of spans) {
    const tag = tagOf.get(span.label);
    if (tag === undefined) {
      warn(span, 'its label no longer exists, so it was left out');
      continue;
    }
    const first = firstTokenEndingAfter(tokens, span.start);
    let last = first;
    while (last < tokens.length && tokens[last]!.start < span.end) last++;
    const quoted = JSON.stringify(span.text);
    if (last === first) {
      warn(span, `span ${quoted} [${span.start}, ${span.end}) covers no token, only whitespace`);
      continue;
    }
    const head = tokens[first]!;
    const tail = tokens[last - 1]!;
    const cut = head.start < span.start ? head : tail.end > span.end ? tail : undefined;
    if (cut) {
      const where = `span ${quoted} [${span.start}, ${span.end}) cuts through the token ${JSON.stringify(cut.text)} [${cut.start}, ${cut.end}) (${tokenizer})`;
      if (!view.widenSpans) {
        warn(span, where);
        continue;
      }
      warn(span, `${where}; widened to [${head.start}, ${tail.end})`);
    }
    if (types.slice(first, last).some((t) => t !== undefined)) {
      warn(
        span,
        `span ${quoted} [${span.start}, ${span.end}) overlaps another span; BIO gives each token one tag`,
      );
      continue;
    }
    const broken = how.sentences ? tokens.slice(first + 1, last).some((t) => t.newLine) : false;
    if (broken) {
      warn(
        span,
        `span ${quoted} [${span.start}, ${span.end}) crosses a sentence break of the CoNLL file it came from, so it reads back as two spans`,
      );
    }
    for (let i = first; i < last; i++) types[i] = tag;
    starts[first] = true;
  }
  return { types, starts };
}

/** Index of the first token whose end is past `offset` (binary search). */
function firstTokenEndingAfter(tokens: readonly { end: number }[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
