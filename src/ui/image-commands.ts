import type { ImageAnnotator } from '../state/image-annotator.svelte.ts';
import type { ToolName } from '../image/tools/tool.ts';
import type { Label } from '../model/label.ts';
import type { Command } from './commands.ts';
import { attributeCommands, toolKeys } from './image-tool-commands.ts';

/** Whether the keyboard focus is on a control (a button, a field) rather than the page. */
function controlFocused(): boolean {
  const focused = document.activeElement;
  return (
    focused !== null &&
    focused !== document.body &&
    focused.matches('button, input, select, textarea, a, [tabindex]')
  );
}

const TOOL_KEYS: [ToolName, string, string][] = [
  ['select', 'v', 'Select, move and resize'],
  ['box', 'b', 'Draw boxes'],
  ['polygon', 'p', 'Draw polygons'],
  ['point', 'o', 'Place points'],
  ['rbox', 'r', 'Draw rotated boxes'],
  ['polyline', 'l', 'Draw polylines (open paths)'],
  ['keypoints', 'k', "Place keypoints (the label's skeleton, node by node)"],
  ['mask', 'm', 'Paint masks (brush and eraser)'],
  ['pan', 'h', 'Pan (or hold Space, or drag with the middle button)'],
];

/**
 * The image workbench's commands. A label's own hotkey always wins: a tool or view key that a
 * label on images uses is dropped from its command (the help then shows it without that key).
 */
export function imageCommands(
  annotator: ImageAnnotator,
  shapeLabels: readonly Label[],
  labelKeys: ReadonlySet<string>,
): Command[] {
  const free = (...keys: string[]) => keys.filter((k) => !labelKeys.has(k));
  const hasSelection = () => annotator.selectedShapes.length > 0;
  const nudge = (name: string, key: string, dx: number, dy: number): Command => ({
    name,
    keys: [key],
    group: 'Shapes',
    when: hasSelection,
    run: () => annotator.nudge(dx, dy),
  });
  return [
    ...shapeLabels.flatMap((label) =>
      label.hotkey
        ? [
            {
              name: `Label as ${label.name} (the selection, or new shapes)`,
              keys: [label.hotkey],
              group: 'Shape labels',
              run: () => annotator.chooseLabel(label.id),
            },
          ]
        : [],
    ),
    ...TOOL_KEYS.map(([tool, key, name]) => ({
      name,
      keys: free(key),
      group: 'Tools',
      run: () => annotator.setTool(tool),
    })),
    {
      name: 'Close the polygon, end the polyline or the keypoints being drawn',
      keys: ['enter'],
      group: 'Tools',
      when: () => annotator.tool.busy,
      run: () => annotator.enter(),
    },
    {
      name: 'Cancel the gesture in progress, or clear the selection',
      keys: ['escape'],
      group: 'Tools',
      run: () => annotator.escape(),
    },
    {
      name: 'Delete the selected shapes (while drawing a polygon: its last vertex)',
      keys: ['delete', 'backspace'],
      group: 'Shapes',
      run: () => annotator.backspace(),
    },
    {
      name: 'Select the next shape under the last click (on overlapping shapes)',
      keys: ['tab'],
      group: 'Shapes',
      // Tab keeps moving the focus through the page unless it can do this.
      when: () => annotator.canCycle() && !controlFocused(),
      run: () => annotator.cycle(),
    },
    {
      name: 'While drawing: take back the last vertex, or cancel',
      keys: ['ctrl+z'],
      group: 'Tools',
      when: () => annotator.tool.busy,
      run: () => annotator.undoInGesture(),
    },
    {
      name: 'Select all shapes shown',
      keys: ['ctrl+a'],
      group: 'Shapes',
      run: () => annotator.selectAll(),
    },
    {
      name: 'Copy the selected shapes',
      keys: ['ctrl+c'],
      group: 'Shapes',
      when: hasSelection,
      run: () => annotator.copy(),
    },
    { name: 'Paste shapes', keys: ['ctrl+v'], group: 'Shapes', run: () => annotator.paste() },
    nudge('Nudge left one pixel', 'arrowleft', -1, 0),
    nudge('Nudge right one pixel', 'arrowright', 1, 0),
    nudge('Nudge up one pixel', 'arrowup', 0, -1),
    nudge('Nudge down one pixel', 'arrowdown', 0, 1),
    nudge('Nudge left ten pixels', 'shift+arrowleft', -10, 0),
    nudge('Nudge right ten pixels', 'shift+arrowright', 10, 0),
    nudge('Nudge up ten pixels', 'shift+arrowup', 0, -10),
    nudge('Nudge down ten pixels', 'shift+arrowdown', 0, 10),
    { name: 'Zoom in', keys: free('+', '='), group: 'View', run: () => annotator.zoomIn() },
    { name: 'Zoom out', keys: free('-'), group: 'View', run: () => annotator.zoomOut() },
    { name: 'Fit the image', keys: free('shift+1'), group: 'View', run: () => annotator.fit() },
    {
      name: 'Zoom to the selection',
      keys: free('shift+2'),
      group: 'View',
      run: () => annotator.zoomToSelection(),
    },
    {
      name: 'Actual size (1:1)',
      keys: free('shift+0'),
      group: 'View',
      run: () => annotator.actualSize(),
    },
    {
      name: 'Rotate the view 90° clockwise',
      keys: free('alt+r'),
      group: 'View',
      run: () => annotator.rotate(),
    },
    {
      name: 'Rotate the view 90° counter-clockwise',
      keys: free('alt+shift+r'),
      group: 'View',
      run: () => annotator.rotate(false),
    },
    {
      name: 'Focus mode: the canvas takes the whole window',
      keys: free('f'),
      group: 'View',
      run: () => (annotator.display.focus = !annotator.display.focus),
    },
    {
      name: 'Lock or unlock the selected shapes',
      keys: free('shift+l'),
      group: 'Shapes',
      when: hasSelection,
      run: () => annotator.toggleLock(),
    },
    ...attributeCommands(annotator, shapeLabels, labelKeys),
    ...toolKeys(annotator, free),
    {
      name: 'Bring the selected shapes to the front',
      keys: free('shift+pageup'),
      group: 'Shapes',
      when: hasSelection,
      run: () => annotator.bringToFront(true),
    },
    {
      name: 'Send the selected shapes to the back',
      keys: free('shift+pagedown'),
      group: 'Shapes',
      when: hasSelection,
      run: () => annotator.bringToFront(false),
    },
  ];
}
