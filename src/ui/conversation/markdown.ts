import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';

// Model responses are untrusted Markdown. markdown-it parses it (html: false, so raw HTML is
// plain text); we build the DOM ourselves from its tokens with a fixed set of tags and no
// attributes from the text, so nothing can run, navigate or load. Links and images are not
// parsed at all: "[a](https://…)" and "![x](https://…)" stay visible as the text they are.

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.disable(['link', 'image', 'autolink']);

const TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'hr',
  'br',
]);

function element(doc: Document, token: Token): HTMLElement {
  const el = doc.createElement(TAGS.has(token.tag) ? token.tag : 'span');
  if (token.tag === 'ol') {
    const start = Number(token.attrGet('start'));
    if (Number.isInteger(start) && start > 0) el.setAttribute('start', String(start));
  }
  const style = token.attrGet('style');
  const align = style && /text-align:(left|right|center)/.exec(style)?.[1];
  if (align) el.classList.add(`align-${align}`);
  return el;
}

/**
 * Where rendered text came from in the source. Text and code are wrapped in a `<span
 * data-src>` holding their UTF-16 offset in the Markdown, so a selection in the rendered view
 * maps to exact source offsets even when the words occur more than once. Each piece is looked
 * up in order, within its block's lines; a piece that is not there verbatim (an escape, an
 * entity) stays unmarked, and a selection ending in it falls back to a text search.
 */
class SourceCursor {
  #at = 0;
  #lineStarts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
      this.#lineStarts.push(i + 1);
  }

  #line(n: number): number {
    return this.#lineStarts[n] ?? this.text.length;
  }

  /** Enters a block spanning source lines [from, to): nothing before it is searched again. */
  enter(map: [number, number] | null): void {
    if (map) this.#at = Math.max(this.#at, this.#line(map[0]));
  }

  /** The offset of `piece` at or after the cursor, within lines before `endLine`. */
  find(piece: string, endLine: number | undefined): number | undefined {
    if (piece === '') return undefined;
    const at = this.text.indexOf(piece, this.#at);
    const limit = endLine === undefined ? this.text.length : this.#line(endLine);
    if (at < 0 || at + piece.length > limit) return undefined;
    this.#at = at + piece.length;
    return at;
  }
}

function sourced(doc: Document, text: string, at: number | undefined): Node {
  if (at === undefined) return doc.createTextNode(text);
  const span = doc.createElement('span');
  span.dataset.src = String(at);
  span.textContent = text;
  return span;
}

function append(
  doc: Document,
  tokens: readonly Token[],
  root: Node,
  source: SourceCursor,
  endLine?: number,
): void {
  const stack: Node[] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    if (token.map) source.enter(token.map);
    if (token.nesting === 1) {
      const el = element(doc, token);
      top().appendChild(el);
      stack.push(el);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') {
      append(doc, token.children ?? [], top(), source, token.map?.[1]);
    } else if (token.type === 'fence' || token.type === 'code_block') {
      const pre = doc.createElement('pre');
      const code = doc.createElement('code');
      code.appendChild(sourced(doc, token.content, source.find(token.content, token.map?.[1])));
      pre.appendChild(code);
      top().appendChild(pre);
    } else if (token.type === 'code_inline') {
      const code = doc.createElement('code');
      code.appendChild(sourced(doc, token.content, source.find(token.content, endLine)));
      top().appendChild(code);
    } else if (token.type === 'hr') {
      top().appendChild(doc.createElement('hr'));
    } else if (token.type === 'hardbreak') {
      top().appendChild(doc.createElement('br'));
    } else if (token.type === 'softbreak') {
      top().appendChild(doc.createTextNode('\n'));
    } else {
      // text, and anything else: its content as text, never as markup.
      top().appendChild(sourced(doc, token.content, source.find(token.content, endLine)));
    }
  }
}

/** The Markdown as DOM nodes, safe to insert anywhere. */
export function renderMarkdown(text: string, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  append(doc, md.parse(text, {}), fragment, new SourceCursor(text));
  return fragment;
}

/** Svelte action: renders `text` as Markdown into the node, again when it changes. */
export function markdown(node: HTMLElement, text: string) {
  const paint = (value: string) => node.replaceChildren(renderMarkdown(value, node.ownerDocument));
  paint(text);
  return { update: paint };
}
