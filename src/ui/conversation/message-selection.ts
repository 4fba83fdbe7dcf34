import type { ConversationItem } from '../../model/item.ts';
import {
  messageContent,
  rangeIn,
  uniqueRange,
  type MessageRange,
} from '../../model/conversation-spans.ts';

// The words selected in one message of a conversation, as a span range of that message. The
// raw view maps the DOM exactly (each piece carries its UTF-16 start). Rendered Markdown marks
// each piece of text with where it is in the source (`data-src`); a selection ending in text
// that is not there verbatim (an escape, an entity) is looked up instead and must occur once.

export type MessageSelection = { field: string; range: MessageRange } | { problem: string };

/** The message element a DOM position is in. */
function hostOf(node: Node | null): HTMLElement | null {
  const element = node instanceof Element ? node : (node?.parentElement ?? null);
  return element?.closest<HTMLElement>('[data-field]') ?? null;
}

/** The UTF-16 offset of a DOM position inside a raw message. */
function rawOffset(host: HTMLElement, node: Node, offset: number, length: number): number {
  if (node === host) {
    // Child offsets count comment nodes too: the next piece element, else the end.
    for (
      let child: ChildNode | null = host.childNodes[offset] ?? null;
      child;
      child = child.nextSibling
    )
      if (child instanceof HTMLElement && child.dataset.start !== undefined)
        return Number(child.dataset.start);
    return length;
  }
  const element = node instanceof Element ? node : node.parentElement!;
  const piece = element.closest<HTMLElement>('[data-start]')!;
  const start = Number(piece.dataset.start);
  if (node.nodeType === Node.TEXT_NODE) return start + offset;
  return offset === 0 ? start : start + (piece.textContent?.length ?? 0);
}

/** The UTF-16 source offset of a DOM position in rendered Markdown, when its text is marked. */
function renderedOffset(node: Node, offset: number): number | undefined {
  if (node.nodeType !== Node.TEXT_NODE) return undefined;
  const piece = node.parentElement;
  if (piece?.dataset.src === undefined || piece.firstChild !== node) return undefined;
  return Number(piece.dataset.src) + offset;
}

/** Whether some words are selected inside a message (the span hotkeys then apply). */
export function hasMessageSelection(): boolean {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return false;
  return hostOf(selection.anchorNode) !== null || hostOf(selection.focusNode) !== null;
}

export function messageSelection(item: ConversationItem): MessageSelection | undefined {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  const host = hostOf(range.startContainer);
  if (!host || host !== hostOf(range.endContainer))
    return { problem: 'Select words within one message to mark them.' };
  const field = host.dataset.field!;
  const content = messageContent(item, field);
  if (content === undefined) return undefined;
  if (host.dataset.raw !== undefined) {
    const start = rawOffset(host, range.startContainer, range.startOffset, content.length);
    const end = rawOffset(host, range.endContainer, range.endOffset, content.length);
    const exact = rangeIn(content, start, end);
    return exact
      ? { field, range: exact }
      : { problem: 'Only spaces are selected: a span needs at least one other character.' };
  }
  const start = renderedOffset(range.startContainer, range.startOffset);
  const end = renderedOffset(range.endContainer, range.endOffset);
  if (start !== undefined && end !== undefined && start < end) {
    const exact = rangeIn(content, start, end);
    if (exact) return { field, range: exact };
  }
  const found = uniqueRange(content, selection.toString());
  if (found === 'many')
    return {
      problem:
        'These words occur more than once in the message: tick “Show raw text” to mark them exactly.',
    };
  if (found === 'none')
    return {
      problem:
        'These words are formatted differently in the source: tick “Show raw text” to mark them.',
    };
  return { field, range: found };
}
