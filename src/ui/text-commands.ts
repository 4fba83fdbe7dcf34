import type { TextAnnotator } from '../state/text-annotator.svelte.ts';
import type { Label } from '../model/label.ts';
import type { Command } from './commands.ts';

/** The keyboard-only path through a text: caret, selection, spans and relations. */
export function textCommands(
  annotator: TextAnnotator,
  spanLabels: readonly Label[],
  relationLabel: () => Label | undefined,
): Command[] {
  const group = 'Text';
  const caret = (
    name: string,
    key: string,
    direction: 1 | -1,
    byWord: boolean,
    extend: boolean,
  ) => ({
    name,
    keys: [key],
    group,
    run: () => annotator.moveCaret(direction, byWord, extend),
  });
  const edge = (name: string, key: string, to: 'start' | 'end', extend: boolean) => ({
    name,
    keys: [key],
    group,
    run: () => annotator.moveCaretTo(to, extend),
  });
  const hasSpan = () => annotator.selectedId !== undefined;
  return [
    ...spanLabels.flatMap((label) =>
      label.hotkey
        ? [
            {
              name: `Label as ${label.name}`,
              keys: [label.hotkey],
              group: 'Span labels',
              run: () => annotator.label(label.id),
            },
          ]
        : [],
    ),
    caret('Move the caret forward', 'arrowright', 1, false, false),
    caret('Move the caret back', 'arrowleft', -1, false, false),
    caret('Select one more character', 'shift+arrowright', 1, false, true),
    caret('Select one character less', 'shift+arrowleft', -1, false, true),
    caret('Move to the next word', 'ctrl+arrowright', 1, true, false),
    caret('Move to the previous word', 'ctrl+arrowleft', -1, true, false),
    caret('Select to the next word', 'ctrl+shift+arrowright', 1, true, true),
    caret('Select to the previous word', 'ctrl+shift+arrowleft', -1, true, true),
    edge('Move to the start of the text', 'home', 'start', false),
    edge('Move to the end of the text', 'end', 'end', false),
    edge('Select to the start of the text', 'shift+home', 'start', true),
    edge('Select to the end of the text', 'shift+end', 'end', true),
    {
      name: 'Delete the selected span',
      keys: ['delete', 'backspace'],
      group,
      when: hasSpan,
      run: () => annotator.deleteSelected(),
    },
    {
      name: 'Relate the selected span to the next one you click',
      keys: ['alt+r'],
      group,
      when: () => hasSpan() && relationLabel() !== undefined,
      run: () => annotator.startRelation(),
    },
    { name: 'Clear the selection', keys: ['escape'], group, run: () => annotator.clearSelection() },
  ];
}
