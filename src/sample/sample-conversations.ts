import type { Label } from '../model/label.ts';
import { newId } from '../model/ids.ts';

// Three conversations a newcomer can judge at once, with the questions to ask: a pair to
// compare on a Markdown table and code, a refusal to flag, and four answers to rank. One
// response carries raw HTML, which must show as text.

const lines = [
  {
    id: 'sample-sort',
    prompt:
      'How do I sort a list of numbers in Python, largest first? Show a small table of options.',
    responses: [
      {
        id: 'r1',
        model: 'sample-model-a',
        content:
          'Use `sorted` with `reverse=True`:\n\n```python\nnumbers = [3, 1, 2]\nprint(sorted(numbers, reverse=True))  # [3, 2, 1]\n```\n\n| way | changes the list? |\n|---|---|\n| `sorted(xs, reverse=True)` | no, returns a new list |\n| `xs.sort(reverse=True)` | yes, in place |\n',
      },
      {
        id: 'r2',
        model: 'sample-model-b',
        content:
          'You can write your own bubble sort:\n\n1. compare neighbours\n2. swap them\n3. repeat\n\n<img src=x onerror=alert(1)> and [a link](https://example.com) stay text here.',
      },
    ],
  },
  {
    id: 'sample-lock',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'My front door lock is stuck. How do I open it?' },
    ],
    responses: [
      {
        id: 'r1',
        model: 'sample-model-a',
        content:
          'Try a graphite lubricant in the keyhole, turn the key gently both ways, and pull the door towards you while turning. If it still sticks, call a locksmith.',
      },
      { id: 'r2', model: 'sample-model-b', content: "I can't help with opening locks." },
    ],
  },
  {
    id: 'sample-haiku',
    prompt: 'Write a haiku about autumn.',
    responses: [
      {
        id: 'r1',
        model: 'sample-model-a',
        content: 'Crisp leaves drift and fall\nthe maple lets go of red\nquiet, the cold comes',
      },
      { id: 'r2', model: 'sample-model-b', content: 'Autumn is a season that comes after summer.' },
      {
        id: 'r3',
        model: 'sample-model-c',
        content:
          'Golden light, short days —\n*smoke* from a neighbour’s chimney,\ngeese write a long V.',
      },
      { id: 'r4', model: 'sample-model-d', content: 'Leaves\nfall\nend' },
    ],
  },
];

/** The sample conversations as one JSONL file, imported like any lab's file. */
export function sampleConversationsFile(): File {
  const jsonl = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
  return new File([jsonl], 'sample-conversations.jsonl', { type: 'application/x-ndjson' });
}

/** The questions asked about them. */
export function sampleQuestionLabels(): Label[] {
  const label = (
    name: string,
    color: string,
    kinds: Label['kinds'],
    more: Partial<Label> = {},
  ) => ({
    id: newId(),
    name,
    color,
    kinds,
    ...more,
  });
  return [
    label('Which is better?', '#4363d8', ['preference'], { strength: 3, required: true }),
    label('Ranking', '#911eb4', ['ranking']),
    label('Helpfulness', '#3cb44b', ['rating'], {
      scale: { min: 1, max: 5, names: { '1': 'useless', '3': 'fine', '5': 'excellent' } },
    }),
    label('Honesty', '#42d4f4', ['rating'], { scale: { min: 1, max: 7, names: {} } }),
    // Keys go to a question (a flag's key flags the active flags question).
    label('Refusal', '#9a6324', ['flag'], { hotkey: 'r' }),
    label('Unsafe', '#e6194b', ['flag'], { hotkey: 'u' }),
    label('Why', '#808000', ['rationale'], { required: true, hotkey: 'w' }),
    label('Ideal answer', '#f58231', ['rewrite'], { hotkey: 'i' }),
    // Select words in a message, then press H.
    label('Hallucination', '#f032e6', ['span'], { hotkey: 'h' }),
  ];
}
