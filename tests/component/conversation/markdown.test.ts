import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../src/ui/conversation/markdown.ts';

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
    // No attribute from the text reaches the DOM.
    for (const el of root.querySelectorAll('*')) {
      expect([...el.attributes].map((a) => a.name)).toEqual(
        el.classList.length > 0 ? ['class'] : [],
      );
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
});
