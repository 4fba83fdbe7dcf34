import type { ConversationAnnotator } from '../state/conversation-annotator.svelte.ts';
import type { Command } from './commands.ts';
import type { Label, LabelKind } from '../model/label.ts';
import { DEFAULT_SCALE } from '../model/conversation-questions.ts';
import { hasMessageSelection, messageSelection } from './conversation/message-selection.ts';

const QUESTION_KINDS: readonly LabelKind[] = [
  'preference',
  'ranking',
  'rating',
  'flag',
  'rationale',
  'rewrite',
];
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/**
 * Keys on a conversation: Tab and Shift+Tab move between questions, number keys answer the
 * active one (a preference's point, a rank, a rating, a flag), Delete clears it.
 */
export function conversationCommands(
  annotator: ConversationAnnotator,
  spanLabels: readonly Label[] = [],
): Command[] {
  const question = () => annotator.activeQuestion;
  const answer = async (digit: number) => {
    const q = question();
    if (!q) return;
    switch (q.kind) {
      case 'preference':
        await annotator.preferByKey(q, digit);
        break;
      case 'ranking':
        await annotator.rankByKey(q, digit);
        break;
      case 'rating': {
        const scale = q.labels[0]!.scale ?? DEFAULT_SCALE;
        // 0 is 10 on a scale that reaches 10 and has no 0.
        const value = digit === 0 && scale.min > 0 ? 10 : digit;
        if (value >= scale.min && value <= scale.max) await annotator.rate(q, value);
        break;
      }
      case 'flags': {
        const label = q.labels[digit - 1];
        if (label) await annotator.toggleFlag(q, label);
        break;
      }
      default:
        break;
    }
  };
  // Words selected in a message take a span label's key first, digits included.
  const critique = async (label: Label) => {
    const selected = messageSelection(annotator.item);
    if (!selected) return;
    if ('problem' in selected) {
      annotator.spanMessage = selected.problem;
      return;
    }
    await annotator.markSpan(selected.field, selected.range, label.id);
    window.getSelection()?.removeAllRanges();
  };
  return [
    ...spanLabels.flatMap((label) =>
      label.hotkey
        ? [
            {
              name: `Mark the words selected in a message as ${label.name}`,
              keys: [label.hotkey],
              group: 'Span critiques',
              when: hasMessageSelection,
              run: () => critique(label),
            },
          ]
        : [],
    ),
    {
      name: 'Next question',
      keys: ['tab'],
      group: 'Questions',
      run: () => annotator.focus(annotator.active + 1),
    },
    {
      name: 'Previous question',
      keys: ['shift+tab'],
      group: 'Questions',
      run: () => annotator.focus(annotator.active - 1),
    },
    ...DIGITS.map((key) => ({
      name: `Answer ${key} to the active question (point, rank, rating or flag)`,
      keys: [key],
      group: 'Questions',
      when: () => question() !== undefined,
      run: () => answer(Number(key)),
    })),
    // After the digits: a question label on a digit leaves the digit to the active question.
    ...annotator
      .labels()
      .filter((l) => l.hotkey && l.kinds.some((k) => QUESTION_KINDS.includes(k)))
      .map((label) => ({
        name: label.kinds.includes('flag')
          ? `Flag ${label.name} on the active flags question, else go to it`
          : `Go to “${label.name}” (again: its next one)`,
        keys: [label.hotkey!],
        group: 'Questions',
        run: () => annotator.pressQuestionLabel(label),
      })),
    {
      name: 'Clear the active question',
      keys: ['delete', 'backspace'],
      group: 'Questions',
      when: () => question() !== undefined,
      run: () => {
        const q = question();
        return q && annotator.clear(q);
      },
    },
  ];
}
