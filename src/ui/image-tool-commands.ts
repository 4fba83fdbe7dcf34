import type { ImageAnnotator } from '../state/image-annotator.svelte.ts';
import type { Label } from '../model/label.ts';
import type { Command } from './commands.ts';

/**
 * Hotkeys of yes/no attributes (Q toggles "occluded", as in CVAT): each toggles that attribute
 * on the selected shapes whose label declares it. A label's own hotkey wins over them.
 */
export function attributeCommands(
  annotator: ImageAnnotator,
  shapeLabels: readonly Label[],
  labelKeys: ReadonlySet<string>,
): Command[] {
  const byKey = new Map<string, string>();
  for (const label of shapeLabels)
    for (const def of label.attributes ?? [])
      if (
        def.type === 'boolean' &&
        def.hotkey &&
        !labelKeys.has(def.hotkey) &&
        !byKey.has(def.hotkey)
      )
        byKey.set(def.hotkey, def.name);
  return [...byKey].map(([key, name]) => ({
    name: `Toggle “${name}” on the selected shapes`,
    keys: [key],
    group: 'Attributes',
    when: () => annotator.selectedShapes.length > 0,
    run: () => annotator.toggleAttribute(name),
  }));
}

/** Keys of the drawing tools: rotate a rotated box, skip a keypoint, brush size and eraser. */
export function toolKeys(
  annotator: ImageAnnotator,
  free: (...keys: string[]) => string[],
): Command[] {
  const tool = (name: string) => () => annotator.toolName === name;
  const rotate = (name: string, key: string, degrees: number): Command => ({
    name,
    keys: free(key),
    group: 'Shapes',
    when: () => annotator.selectedShapes.some((s) => s.type === 'rbox'),
    run: () => annotator.rotateSelection(degrees),
  });
  return [
    rotate('Turn the selected rotated box 1° counter-clockwise', ',', -1),
    rotate('Turn the selected rotated box 1° clockwise', '.', 1),
    rotate('Turn the selected rotated box 15° counter-clockwise', '<', -15),
    rotate('Turn the selected rotated box 15° clockwise', '>', 15),
    {
      name: 'Keypoints: skip this node (not labeled)',
      keys: free('u'),
      group: 'Tools',
      when: tool('keypoints'),
      run: () => annotator.toolKey('skip'),
    },
    {
      name: 'Mask brush: smaller',
      keys: free('['),
      group: 'Tools',
      when: tool('mask'),
      run: () => annotator.toolKey('smaller'),
    },
    {
      name: 'Mask brush: bigger',
      keys: free(']'),
      group: 'Tools',
      when: tool('mask'),
      run: () => annotator.toolKey('bigger'),
    },
    {
      name: 'Mask: switch between brush and eraser (or hold Shift to erase)',
      keys: free('e'),
      group: 'Tools',
      when: tool('mask'),
      run: () => annotator.toolKey('eraser'),
    },
  ];
}
