import type { ItemEditor } from '../state/item-editor.svelte.ts';
import type { Project } from '../model/project.ts';
import type { Label } from '../model/label.ts';
import { groupOf } from '../model/class-group.ts';
import type { Command } from './commands.ts';

/** One hotkey per document or image class that has one. */
export function classCommands(
  editor: ItemEditor,
  project: Project,
  classLabels: readonly Label[],
): Command[] {
  return classLabels.flatMap((label) => {
    if (!label.hotkey) return [];
    const group = groupOf(project.classGroups, label);
    const verb = group?.choice === 'one' ? `Choose ${group.name}:` : 'Toggle class';
    return [
      {
        name: `${verb} ${label.name}`,
        keys: [label.hotkey],
        group: 'Classes',
        run: () => editor.pickClass(label, project),
      },
    ];
  });
}
