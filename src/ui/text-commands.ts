import type { TextSession } from '../state/text-session.svelte.ts';
import type { Label } from '../model/label.ts';
import type { Command } from './commands.ts';

/** The keyboard-only path through a text: caret, selection, spans, suggestions, relations. */
export function textCommands(
  session: TextSession,
  spanLabels: readonly Label[],
  relationLabel: () => Label | undefined,
): Command[] {
  const annotator = session.annotator;
  const suggestions = session.suggestions;
  const group = 'Text';
  const caret = (
    name: string,
    key: string,
    side: 'left' | 'right',
    byWord: boolean,
    extend: boolean,
  ) => ({
    name,
    keys: [key],
    group,
    run: () => annotator.moveCaretVisually(side, byWord, extend),
  });
  const edge = (name: string, key: string, to: 'start' | 'end', extend: boolean) => ({
    name,
    keys: [key],
    group,
    run: () => annotator.moveCaretTo(to, extend),
  });
  const hasSpan = () => annotator.selectedId !== undefined;
  const hasSuggestion = () => suggestions.current !== undefined;
  const relating = () => annotator.relatingFrom !== undefined;
  return [
    ...spanLabels.flatMap((label) =>
      label.hotkey
        ? [
            {
              name: `Label as ${label.name}`,
              keys: [label.hotkey],
              group: 'Span labels',
              run: () => annotator.pressLabel(label.id),
            },
          ]
        : [],
    ),
    ...attributeToggles(session, spanLabels),
    caret('Move the caret right (back in right-to-left text)', 'arrowright', 'right', false, false),
    caret('Move the caret left', 'arrowleft', 'left', false, false),
    caret('Extend the selection right', 'shift+arrowright', 'right', false, true),
    caret('Extend the selection left', 'shift+arrowleft', 'left', false, true),
    caret('Move a word right', 'ctrl+arrowright', 'right', true, false),
    caret('Move a word left', 'ctrl+arrowleft', 'left', true, false),
    caret('Select a word more to the right', 'ctrl+shift+arrowright', 'right', true, true),
    caret('Select a word more to the left', 'ctrl+shift+arrowleft', 'left', true, true),
    edge('Move to the start of the text', 'home', 'start', false),
    edge('Move to the end of the text', 'end', 'end', false),
    edge('Select to the start of the text', 'shift+home', 'start', true),
    edge('Select to the end of the text', 'shift+end', 'end', true),
    {
      name: 'Select the next span (while relating: the next target)',
      keys: [']'],
      group,
      run: () => annotator.stepSpan(1),
    },
    {
      name: 'Select the previous span (while relating: the previous target)',
      keys: ['['],
      group,
      run: () => annotator.stepSpan(-1),
    },
    {
      name: 'Link the relation to the chosen target',
      keys: ['enter'],
      group: 'Relations',
      when: () => relating() && annotator.relatingTo !== undefined,
      run: () => annotator.confirmRelation(relationLabel()?.id),
    },
    {
      name: 'Delete the selected span',
      keys: ['delete', 'backspace'],
      group,
      when: hasSpan,
      run: () => annotator.deleteSelected(),
    },
    {
      name: 'Accept the suggestion',
      keys: ['enter'],
      group: 'Suggestions',
      when: () => !relating() && hasSuggestion(),
      run: () => suggestions.acceptCurrent(),
    },
    {
      name: 'Reject the suggestion',
      keys: ['backspace'],
      group: 'Suggestions',
      when: () => !hasSpan() && hasSuggestion(),
      run: () => suggestions.rejectCurrent(),
    },
    {
      name: 'Next suggestion',
      keys: ['}'],
      group: 'Suggestions',
      when: hasSuggestion,
      run: () => suggestions.step(1),
    },
    {
      name: 'Previous suggestion',
      keys: ['{'],
      group: 'Suggestions',
      when: hasSuggestion,
      run: () => suggestions.step(-1),
    },
    {
      name: 'Relate the selected span to another (click it, or [ ] then Enter)',
      keys: ['alt+r'],
      group,
      when: () => hasSpan() && relationLabel() !== undefined,
      run: () => annotator.startRelation(),
    },
    {
      name: 'Show the guidelines and label descriptions',
      keys: ['h'],
      group: 'Help',
      run: () => (session.guideOpen = true),
    },
    {
      name: 'Clear the selection (and the armed label)',
      keys: ['escape'],
      group,
      run: () => {
        if (!annotator.selectedId && !annotator.relatingFrom) annotator.armedLabel = undefined;
        annotator.clearSelection();
      },
    },
  ];
}

/** Yes/no attributes with a hotkey toggle on the selected span, when its label declares them. */
function attributeToggles(session: TextSession, spanLabels: readonly Label[]): Command[] {
  const annotator = session.annotator;
  const selected = () => annotator.spans.find((s) => s.id === annotator.selectedId);
  const seen = new Set<string>();
  return spanLabels.flatMap((label) =>
    (label.attributes ?? []).flatMap((def) => {
      if (def.type !== 'boolean' || !def.hotkey || seen.has(def.hotkey)) return [];
      seen.add(def.hotkey);
      const key = def.hotkey;
      const defOf = (labelId: string) =>
        spanLabels
          .find((l) => l.id === labelId)
          ?.attributes?.find((d) => d.type === 'boolean' && d.hotkey === key);
      return [
        {
          name: `Toggle “${def.name}” on the selected span`,
          keys: [key],
          group: 'Attributes',
          when: () => {
            const span = selected();
            return span !== undefined && defOf(span.label) !== undefined;
          },
          run: () => {
            const span = selected()!;
            const name = defOf(span.label)!.name;
            return annotator.setAttribute(span.id, name, span.attributes?.[name] !== true);
          },
        },
      ];
    }),
  );
}
