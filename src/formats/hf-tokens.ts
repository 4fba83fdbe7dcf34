import type { ExportedFile, ExportView, ExportWarning } from './export-input.ts';
import { utf8 } from './export-input.ts';
import type { SpanAnnotation } from '../model/annotation.ts';
import { sourceTokens } from '../model/conll-source.ts';
import { spanTags, tagName, tagTokens } from './bio-tags.ts';
import { CONLL_TOKENIZER, tokenize } from './tokenizer.ts';

export const HF_DIR = 'exports/hf';
export const HF_TOKENS_PATH = `${HF_DIR}/ner.jsonl`;
export const HF_TAGS_PATH = `${HF_DIR}/ner_tags.json`;

/**
 * The tag names in ClassLabel order: `O`, then `B-` and `I-` of every span label in the
 * project's label order, used or not, so a tag's number stays the same from export to export.
 */
export function hfTagNames(view: ExportView): string[] {
  const names = ['O'];
  const seen = new Set<string>();
  for (const label of view.labelsOfKinds(['span'])) {
    const tag = tagName(label.name);
    if (seen.has(tag)) continue; // reported by spanTags: two labels, one tag
    seen.add(tag);
    names.push(`B-${tag}`, `I-${tag}`);
  }
  return names;
}

/**
 * Token classification for Hugging Face `datasets`: one line per text item
 * `{"id", "tokens": [...], "ner_tags": [...]}` with IOB2 tags as ClassLabel numbers, and the
 * names of those numbers in `ner_tags.json`. Tokens are those of conll.txt (tokenizer
 * airlock-basic-v1, or the CoNLL file a text came from); what BIO cannot hold is reported as
 * for conll.txt, and the same option widens spans that cut a token.
 */
export function hfTokensExport(view: ExportView, warnings: ExportWarning[]): ExportedFile[] {
  const names = hfTagNames(view);
  const number = new Map(names.map((n, i) => [n, i]));
  const tagOf = spanTags(view, warnings, HF_TOKENS_PATH);
  const lines = view.textItems.map((item) => {
    const source = item.conll && sourceTokens(item.text, item.conll);
    const tokens = source ?? tokenize(item.text);
    const warn = (span: SpanAnnotation, reason: string) =>
      warnings.push({
        path: HF_TOKENS_PATH,
        itemId: item.id,
        itemName: item.name,
        annotationId: span.id,
        reason,
      });
    const tokenizer = source ? 'the CoNLL file it came from' : `tokenizer ${CONLL_TOKENIZER}`;
    const { types, starts } = tagTokens(view, item.id, tokens, tagOf, warn, {
      tokenizer,
      sentences: false,
    });
    const tags = tokens.map((_, i) => {
      const type = types[i];
      return type === undefined ? 0 : (number.get(`${starts[i] ? 'B' : 'I'}-${type}`) ?? 0);
    });
    const line = { id: item.name, tokens: tokens.map((t) => t.text), ner_tags: tags };
    return `${JSON.stringify(line)}\n`;
  });
  return [
    { path: HF_TOKENS_PATH, data: utf8(lines.join('')) },
    { path: HF_TAGS_PATH, data: utf8(`${JSON.stringify(names)}\n`) },
  ];
}
