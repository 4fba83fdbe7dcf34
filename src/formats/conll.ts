import type { ExportView, ExportWarning } from './export-input.ts';
import type { SpanAnnotation } from '../model/annotation.ts';
import { CONLL_TOKENIZER, tokenize, type Token } from './tokenizer.ts';
import { sourceTokens, type SourceToken } from '../model/conll-source.ts';

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
 * wherever the text breaks a line (but not inside a span) and after each document.
 *
 * A text imported from CoNLL is written as its file had it (model/conll-source.ts): the file's
 * tokens and sentence breaks, its -DOCSTART- line (none when no document came with one), its
 * columns between token and tag, and its tag scheme (IOB1 or IOB2).
 *
 * BIO gives a token one tag, so a span that covers no token or overlaps an earlier span (by
 * start) is left out and reported; one that cuts through a token is too, unless the export
 * widens spans to whole tokens (view.widenSpans), which it then reports as a change.
 */
export function conllExport(view: ExportView, warnings: ExportWarning[]): string {
  // One string per document, joined once: far less garbage than an array of every line.
  const out: string[] = [];
  const tagOf = tagNames(view, warnings);
  const texts = view.textItems;
  // Documents are separated by -DOCSTART- lines unless every one came from a file without them.
  const docstarts = texts.some((t) => t.conll?.docstart !== undefined || !t.conll);
  for (const item of texts) {
    const source = item.conll && sourceTokens(item.text, item.conll);
    const tokens: readonly (Token | SourceToken)[] = source ?? tokenize(item.text);
    const columns = source && item.conll ? item.conll.columns : undefined;
    const iob1 = source !== undefined && item.conll?.scheme === 'IOB1';
    const tokenizer = source ? 'the CoNLL file it came from' : `tokenizer ${CONLL_TOKENIZER}`;
    let doc = docstarts ? `${item.conll?.docstart ?? DOCSTART}\n\n` : '';
    const types: (string | undefined)[] = tokens.map(() => undefined);
    const starts: boolean[] = tokens.map(() => false);
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
      const broken = source ? tokens.slice(first + 1, last).some((t) => t.newLine) : false;
      if (broken) {
        warn(
          span,
          `span ${quoted} [${span.start}, ${span.end}) crosses a sentence break of the CoNLL file it came from, so it reads back as two spans`,
        );
      }
      for (let i = first; i < last; i++) types[i] = tag;
      starts[first] = true;
    }
    tokens.forEach((token, i) => {
      const type = types[i];
      const inside = type !== undefined && !starts[i];
      // A line break starts a new sentence; in a text of our own not inside a span, which
      // would be cut in two. A file's own sentences stay as they were.
      if (token.newLine && (source || !inside)) doc += '\n';
      let tag = 'O';
      if (type !== undefined) {
        // IOB1 begins a span with B- only right after another span of the same type.
        const follows = i > 0 && !token.newLine && types[i - 1] === type;
        tag = `${starts[i] && (!iob1 || follows) ? 'B' : 'I'}-${type}`;
      }
      const middle = columns ? (columns[i] ? ` ${columns[i]}` : '') : ` ${NO_TAG} ${NO_TAG}`;
      doc += `${token.text}${middle} ${tag}\n`;
    });
    if (tokens.length > 0) doc += '\n';
    out.push(doc);
  }
  return out.join('');
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
