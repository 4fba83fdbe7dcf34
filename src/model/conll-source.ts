import { z } from 'zod';

// What a CoNLL file said about a document beyond its text and spans, kept with the text item
// it became so an export writes the document back as it was: the file's own tokens (e.g.
// "Chester-le-Street" whole), its sentence breaks, its -DOCSTART- line, the columns between
// token and tag (POS, chunk) and its tag scheme. The tokens and sentences are the item's text
// itself: tokens joined by one space, sentences by one line break (conll-import.ts builds it
// so), which is why only what the text cannot say is stored here.

export const ConllSource = z.object({
  /** The document's `-DOCSTART-` line as the file wrote it; absent when the file had none. */
  docstart: z.string().optional(),
  /** IOB1: a span starts with I- unless it follows one of the same type; IOB2: with B-. */
  scheme: z.enum(['IOB1', 'IOB2']),
  /** Per token, the columns between the token and its tag, joined by one space ('' for none). */
  columns: z.array(z.string()),
});
export type ConllSource = z.infer<typeof ConllSource>;

export interface SourceToken {
  text: string;
  /** Half-open code point offsets in the text. */
  start: number;
  end: number;
  /** The first token of a sentence (after the first). */
  newLine: boolean;
}

/**
 * The file's tokens, read back from the text; undefined when the text is not laid out as the
 * import made it (so the caller falls back to its own tokenizer rather than misplace tags).
 */
export function sourceTokens(text: string, source: ConllSource): SourceToken[] | undefined {
  const tokens: SourceToken[] = [];
  let at = 0;
  for (const [s, sentence] of text.split('\n').entries()) {
    for (const [k, word] of sentence.split(' ').entries()) {
      if (word === '') return undefined;
      const length = [...word].length;
      tokens.push({ text: word, start: at, end: at + length, newLine: s > 0 && k === 0 });
      at += length + 1;
    }
  }
  return tokens.length === source.columns.length ? tokens : undefined;
}
