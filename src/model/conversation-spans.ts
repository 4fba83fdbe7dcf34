import type { ConversationItem } from './item.ts';
import type { Annotation, SpanAnnotation } from './annotation.ts';
import { CodePointIndex, trimWhitespace } from './offsets.ts';
import { contextField, responseField } from './conversation.ts';

// Span critiques on a conversation ("hallucination" in response r2, "ambiguous" in the
// user's message): each span names its message in `field`, and its offsets are code points of
// that message's content, as the bundle spec says.

/** The content of the message a field names, or undefined if the item has no such message. */
export function messageContent(item: ConversationItem, field: string): string | undefined {
  if (field.startsWith('response:')) {
    const id = field.slice('response:'.length);
    return item.responses.find((r) => r.id === id)?.content;
  }
  const m = /^context:(\d+)$/.exec(field);
  return m ? item.context[Number(m[1])]?.content : undefined;
}

/** Every message of the item by field: context first, then the responses. */
export function messageFields(item: ConversationItem): string[] {
  return [
    ...item.context.map((_, i) => contextField(i)),
    ...item.responses.map((r) => responseField(r.id)),
  ];
}

export interface MessageRange {
  start: number;
  end: number;
  text: string;
}

/**
 * A selection of UTF-16 offsets in a message, trimmed of whitespace at its ends, as code
 * points; undefined when nothing but whitespace is selected.
 */
export function rangeIn(content: string, start16: number, end16: number): MessageRange | undefined {
  const trimmed = trimWhitespace(content, Math.min(start16, end16), Math.max(start16, end16));
  if (trimmed.end <= trimmed.start) return undefined;
  const index = new CodePointIndex(content);
  const start = index.toCodePoint(trimmed.start);
  const end = index.toCodePoint(trimmed.end);
  return { start, end, text: index.slice(start, end) };
}

/**
 * Where words selected in rendered Markdown are in the message's source: only when they
 * occur there exactly once, since rendering drops markup and the place would be a guess.
 */
export function uniqueRange(content: string, selected: string): MessageRange | 'none' | 'many' {
  const needle = selected.trim();
  if (needle === '') return 'none';
  const at = content.indexOf(needle);
  if (at < 0) return 'none';
  if (content.indexOf(needle, at + 1) >= 0) return 'many';
  return rangeIn(content, at, at + needle.length) ?? 'none';
}

/** The span critiques on one message, in reading order. */
export function spansIn(annotations: readonly Annotation[], field: string): SpanAnnotation[] {
  return annotations
    .filter((a): a is SpanAnnotation => a.type === 'span' && a.field === field)
    .sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface Piece {
  /** UTF-16 offsets into the content, for the DOM. */
  start16: number;
  end16: number;
  text: string;
  /** Ids of the spans covering this piece (empty: plain text). */
  spans: string[];
}

/** The content cut at every span edge, so each piece is covered by the same spans throughout. */
export function piecesOf(content: string, spans: readonly SpanAnnotation[]): Piece[] {
  const index = new CodePointIndex(content);
  const edges = new Set([0, content.length]);
  const ranges = spans.map((s) => ({
    id: s.id,
    start: index.toUtf16(s.start),
    end: index.toUtf16(s.end),
  }));
  for (const r of ranges) edges.add(r.start).add(r.end);
  const cuts = [...edges].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start16 = cuts[i]!;
    const end16 = cuts[i + 1]!;
    if (end16 <= start16) continue;
    pieces.push({
      start16,
      end16,
      text: content.slice(start16, end16),
      spans: ranges.filter((r) => r.start <= start16 && end16 <= r.end).map((r) => r.id),
    });
  }
  return pieces;
}
