import { describe, expect, it } from 'vitest';
import {
  messageContent,
  piecesOf,
  rangeIn,
  spansIn,
  uniqueRange,
} from '../../../src/model/conversation-spans.ts';
import type { SpanAnnotation } from '../../../src/model/annotation.ts';
import { conversation } from '../../factories/conversations.ts';

const item = conversation(
  'spans',
  [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Who wrote 👋🏽 Hamlet?' },
  ],
  [
    { id: 'r1', content: '👋🏽 Shakespeare wrote **Hamlet** in 1623.\r\n' },
    { id: 'r2', content: 'Marlowe. Marlowe did.' },
  ],
);

function span(id: string, field: string, start: number, end: number): SpanAnnotation {
  return {
    id,
    projectId: 'p',
    itemId: item.id,
    label: 'halluc',
    annotator: 'a',
    createdAt: '',
    updatedAt: '',
    type: 'span',
    field,
    start,
    end,
    text: '',
  };
}

describe('span critiques on a conversation', () => {
  it('finds the message a field names, and nothing for one it does not have', () => {
    expect(messageContent(item, 'context:1')).toBe('Who wrote 👋🏽 Hamlet?');
    expect(messageContent(item, 'response:r2')).toBe('Marlowe. Marlowe did.');
    expect(messageContent(item, 'context:2')).toBeUndefined();
    expect(messageContent(item, 'response:r9')).toBeUndefined();
  });

  it('turns a UTF-16 selection into trimmed code point offsets of that message', () => {
    const content = messageContent(item, 'response:r1')!;
    // "👋🏽" is 4 UTF-16 units, 2 code points; the selection starts at the space after it.
    const at = content.indexOf('1623');
    const range = rangeIn(content, 4, at + 4)!;
    expect(range.start).toBe(3);
    expect(range.text).toBe('Shakespeare wrote **Hamlet** in 1623');
    expect([...content].slice(range.start, range.end).join('')).toBe(range.text);
    expect(rangeIn(content, at + 5, content.length)).toBeUndefined(); // ".\r\n" → "." only
    expect(rangeIn(content, content.length - 2, content.length)).toBeUndefined();
  });

  it('places words selected in rendered Markdown only when they occur once', () => {
    const r1 = messageContent(item, 'response:r1')!;
    expect(uniqueRange(r1, ' in 1623')).toEqual({ start: 32, end: 39, text: 'in 1623' });
    expect([...r1].slice(32, 39).join('')).toBe('in 1623');
    expect(uniqueRange(r1, 'wrote Hamlet')).toBe('none'); // the source has **Hamlet**
    expect(uniqueRange('Marlowe. Marlowe did.', 'Marlowe')).toBe('many');
    expect(uniqueRange(r1, '   ')).toBe('none');
  });

  it('lists a message’s spans in reading order and cuts its text at their edges', () => {
    const spans = [
      span('b', 'response:r1', 29, 34),
      span('a', 'response:r1', 3, 14),
      span('c', 'response:r2', 0, 7),
      span('d', 'response:r1', 3, 34),
    ];
    const mine = spansIn(spans, 'response:r1');
    expect(mine.map((s) => s.id)).toEqual(['d', 'a', 'b']);
    const content = messageContent(item, 'response:r1')!;
    const pieces = piecesOf(content, mine);
    expect(pieces.map((p) => p.text).join('')).toBe(content);
    expect(pieces.map((p) => [p.text, p.spans])).toEqual([
      ['👋🏽 ', []],
      ['Shakespeare', ['d', 'a']],
      [' wrote **Hamlet', ['d']],
      ['** in', ['d', 'b']],
      [' 1623.\r\n', []],
    ]);
  });
});
