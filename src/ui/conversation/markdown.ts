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

function append(doc: Document, tokens: readonly Token[], root: Node): void {
  const stack: Node[] = [root];
  const top = () => stack[stack.length - 1]!;
  for (const token of tokens) {
    if (token.nesting === 1) {
      const el = element(doc, token);
      top().appendChild(el);
      stack.push(el);
    } else if (token.nesting === -1) {
      if (stack.length > 1) stack.pop();
    } else if (token.type === 'inline') {
      append(doc, token.children ?? [], top());
    } else if (token.type === 'fence' || token.type === 'code_block') {
      const pre = doc.createElement('pre');
      const code = doc.createElement('code');
      code.textContent = token.content;
      pre.appendChild(code);
      top().appendChild(pre);
    } else if (token.type === 'code_inline') {
      const code = doc.createElement('code');
      code.textContent = token.content;
      top().appendChild(code);
    } else if (token.type === 'hr') {
      top().appendChild(doc.createElement('hr'));
    } else if (token.type === 'hardbreak') {
      top().appendChild(doc.createElement('br'));
    } else if (token.type === 'softbreak') {
      top().appendChild(doc.createTextNode('\n'));
    } else {
      // text, and anything else: its content as text, never as markup.
      top().appendChild(doc.createTextNode(token.content));
    }
  }
}

/** The Markdown as DOM nodes, safe to insert anywhere. */
export function renderMarkdown(text: string, doc: Document = document): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  append(doc, md.parse(text, {}), fragment);
  return fragment;
}

/** Svelte action: renders `text` as Markdown into the node, again when it changes. */
export function markdown(node: HTMLElement, text: string) {
  const paint = (value: string) => node.replaceChildren(renderMarkdown(value, node.ownerDocument));
  paint(text);
  return { update: paint };
}
