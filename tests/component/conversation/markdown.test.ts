import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/ui/conversation/markdown.ts';
import { messageSelection } from '../../../src/ui/conversation/message-selection.ts';
import type { ConversationItem } from '../../../src/model/item.ts';

function html(text: string): HTMLElement {
  const div = document.createElement('div');
  div.appendChild(renderMarkdown(text));
  return div;
}

describe('safe Markdown', () => {
  it('renders headings, lists, tables and code as elements', () => {
    const root = html(
      '# Title\n\n- one\n- **two**\n\n| a | b |\n|--:|---|\n| 1 | 2 |\n\n```py\nx = 1\n```\n',
    );
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    expect([...root.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['one', 'two']);
    expect(root.querySelector('li strong')?.textContent).toBe('two');
    expect(root.querySelector('th')?.classList.contains('align-right')).toBe(true);
    expect(root.querySelector('pre code')?.textContent).toBe('x = 1\n');
  });

  it('shows raw HTML, links and images as the text they are', () => {
    const text =
      '<img src=x onerror=alert(1)> <script>alert(2)</script> [site](https://example.com) ![p](https://example.com/p.png) <https://example.com>';
    const root = html(text);
    expect(root.querySelectorAll('img, script, a, iframe').length).toBe(0);
    expect(root.textContent).toBe(text);
    // No attribute from the text reaches the DOM: only our classes and source offsets.
    for (const el of root.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (a.name === 'data-src') expect(a.value).toMatch(/^\d+$/);
        else expect(a.name).toBe('class');
      }
    }
  });

  it('keeps a long response whole', () => {
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with *some* words.`).join(
      '\n\n',
    );
    const root = html(long);
    expect(root.querySelectorAll('p')).toHaveLength(400);
    expect(root.querySelectorAll('em')).toHaveLength(400);
  });

  it('marks each piece of text with where it is in the source, even when words repeat', () => {
    const text =
      '# The cat\n\nThe cat sat. **The cat** ran 🐈 and `the cat`.\n\n- the cat\n- a *cat*\n\n| cat | dog |\n|---|---|\n| the cat | 2 |\n\n```\ncat = 1\n```\n\n> cat, quoted\n';
    const root = html(text);
    const pieces = [...root.querySelectorAll<HTMLElement>('[data-src]')];
    expect(pieces.length).toBeGreaterThan(10);
    let last = -1;
    for (const piece of pieces) {
      const at = Number(piece.dataset.src);
      expect(text.slice(at, at + piece.textContent.length)).toBe(piece.textContent);
      expect(at).toBeGreaterThan(last); // in reading order, none claimed twice
      last = at;
    }
    // Every word of the rendered text is covered, not only the first occurrences.
    const covered = pieces.map((p) => p.textContent).join('');
    expect(covered.match(/cat/g)).toHaveLength(text.match(/cat/g)!.length);
  });

  it('leaves an escaped piece unmarked rather than guess where it is', () => {
    const root = html('a \\*b\\* and *b*');
    for (const piece of root.querySelectorAll<HTMLElement>('[data-src]'))
      expect(piece.textContent).not.toContain('*');
  });

  it('maps words selected in rendered Markdown to their own place in the source', () => {
    const content = 'The cat sat.\n\nThen **the cat** 🐈 ran; the cat hid.';
    const item = {
      kind: 'conversation',
      context: [],
      responses: [{ id: 'r1', content }],
    } as unknown as ConversationItem;
    const host = document.createElement('div');
    host.dataset.field = 'response:r1';
    host.appendChild(renderMarkdown(content));
    document.body.appendChild(host);
    const select = (node: Node, start: number, end: number) => {
      const range = document.createRange();
      range.setStart(node, start);
      range.setEnd(node, end);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    };
    // "cat" in bold: the second of three.
    const bold = host.querySelector('strong [data-src]')!.firstChild!;
    select(bold, 4, 7);
    const cp = (s: string) => [...s].length;
    const second = content.indexOf('cat', content.indexOf('cat') + 1);
    expect(messageSelection(item)).toEqual({
      field: 'response:r1',
      range: {
        start: cp(content.slice(0, second)),
        end: cp(content.slice(0, second)) + 3,
        text: 'cat',
      },
    });
    // The last "cat", after an emoji: code points, not UTF-16 units.
    const tail = [...host.querySelectorAll('[data-src]')].at(-1)!.firstChild!;
    const at = tail.textContent!.lastIndexOf('cat');
    select(tail, at, at + 3);
    const third = content.lastIndexOf('cat');
    expect(messageSelection(item)).toMatchObject({
      range: { start: cp(content.slice(0, third)), text: 'cat' },
    });
    host.remove();
  });
});
