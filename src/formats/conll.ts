import type { ExportView, ExportWarning } from './export-input.ts';
import type { SpanAnnotation } from '../model/annotation.ts';
import { CONLL_TOKENIZER, tokenize, type Token } from './tokenizer.ts';
import { sourceTokens, type SourceToken } from '../model/conll-source.ts';
import { spanTags, tagTokens } from './bio-tags.ts';

export { tagName } from './bio-tags.ts';

export { CONLL_TOKENIZER };

export const CONLL_PATH = 'exports/conll.txt';

/** The document separator line of CoNLL-2003. */
export const DOCSTART = '-DOCSTART- -X- -X- O';

/** Placeholder for the part-of-speech and chunk columns, which Airlock does not annotate. */
const NO_TAG = '-X-';

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
  const tagOf = spanTags(view, warnings, CONLL_PATH);
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
    const warn = (span: SpanAnnotation, reason: string) =>
      warnings.push({
        path: CONLL_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId: span.id,
        reason,
      });
    const { types, starts } = tagTokens(view, item.id, tokens, tagOf, warn, {
      tokenizer,
      sentences: source !== undefined,
    });
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
