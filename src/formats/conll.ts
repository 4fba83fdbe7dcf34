import type { ExportView, ExportWarning } from './export-input.ts';
import type { SpanAnnotation } from '../model/annotation.ts';
import { CONLL_TOKENIZER, tokenize, type Token } from './tokenizer.ts';

export { CONLL_TOKENIZER };

export const CONLL_PATH = 'exports/conll.txt';

/** The document separator line of CoNLL-2003. */
export const DOCSTART = '-DOCSTART- -X- -X- O';

/** Placeholder for the part-of-speech and chunk columns, which Airlock does not annotate. */
const NO_TAG = '-X-';

/** A label name as a tag: whitespace would split the column, so it becomes `_`. */
export function tagName(label: string): string {
  return label.trim().replace(/\s+/gu, '_');
}

/**
 * CoNLL-2003 style: per text item a `-DOCSTART-` line, then one `token -X- -X- tag` line per
 * token with IOB2 tags (B- begins a span, I- continues it, O is outside), and a blank line
 * wherever the text breaks a line (but not inside a span) and after each document. BIO gives a token one tag, so a
 * span that cuts through a token, covers no token, or overlaps an earlier span (by start) is
 * left out of this file and reported, never moved to fit.
 */
export function conllExport(view: ExportView, warnings: ExportWarning[]): string {
  // One string per document, joined once: far less garbage than an array of every line.
  const out: string[] = [];
  const tagOf = tagNames(view, warnings);
  for (const item of view.textItems) {
    let doc = `${DOCSTART}\n\n`;
    const tokens = tokenize(item.text);
    const tags: string[] = tokens.map(() => 'O');
    const warn = (span: SpanAnnotation, reason: string) =>
      warnings.push({
        path: CONLL_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId: span.id,
        reason,
      });
    const spans = view
      .ofType(item.id, 'span')
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
      const covered = tokens.slice(first, last);
      const quoted = JSON.stringify(span.text);
      if (covered.length === 0) {
        warn(span, `span ${quoted} [${span.start}, ${span.end}) covers no token, only whitespace`);
        continue;
      }
      const head = covered[0]!;
      const tail = covered[covered.length - 1]!;
      const cut = head.start < span.start ? head : tail.end > span.end ? tail : undefined;
      if (cut) {
        warn(
          span,
          `span ${quoted} [${span.start}, ${span.end}) cuts through the token ${JSON.stringify(cut.text)} [${cut.start}, ${cut.end}) (tokenizer ${CONLL_TOKENIZER})`,
        );
        continue;
      }
      if (tags.slice(first, last).some((t) => t !== 'O')) {
        warn(
          span,
          `span ${quoted} [${span.start}, ${span.end}) overlaps another span; BIO gives each token one tag`,
        );
        continue;
      }
      for (let i = first; i < last; i++) tags[i] = `${i === first ? 'B' : 'I'}-${tag}`;
    }
    tokens.forEach((token, i) => {
      // A line break starts a new sentence, except inside a span, which would be cut in two.
      if (token.newLine && !tags[i]!.startsWith('I-')) doc += '\n';
      doc += `${token.text} ${NO_TAG} ${NO_TAG} ${tags[i]}\n`;
    });
    if (tokens.length > 0) doc += '\n';
    out.push(doc);
  }
  return out.join('');
}

/** Index of the first token whose end is past `offset` (binary search). */
function firstTokenEndingAfter(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Tag names of the span labels; two labels that would read the same are reported. */
function tagNames(view: ExportView, warnings: ExportWarning[]): Map<string, string> {
  const tags = new Map<string, string>();
  const owner = new Map<string, string>();
  for (const label of view.project.labels) {
    const tag = tagName(label.name);
    tags.set(label.id, tag);
    const other = owner.get(tag);
    if (other !== undefined && label.kinds.includes('span')) {
      warnings.push({
        path: CONLL_PATH,
        itemId: '',
        itemName: '',
        reason: `labels "${other}" and "${label.name}" both become the tag ${tag}`,
      });
    }
    if (label.kinds.includes('span')) owner.set(tag, label.name);
  }
  return tags;
}
