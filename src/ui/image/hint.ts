import type { ImageAnnotator } from '../../state/image-annotator.svelte.ts';
import type { KeypointsTool } from '../../image/tools/keypoints.ts';

/** What the status line tells the labeler to do next, for the tool and selection now. */
export function hintFor(annotator: ImageAnnotator): string {
  const selection = annotator.selectedShapes;
  const drawType = annotator.drawType;
  const drawLabel = drawType ? annotator.labelFor(drawType) : undefined;
  if (!drawType && selection.length > 0) {
    const one = selection.length === 1 ? selection[0] : undefined;
    const what = one ? `${annotator.nameOf(one.label)} ${one.type}` : `${selection.length} shapes`;
    if (one?.locked) return `Selected: ${what} (locked). Right-click to unlock it.`;
    const extra =
      one?.type === 'polygon'
        ? ' Drag a vertex; press on an edge to add one; Alt+click a vertex to remove it.'
        : one?.type === 'box'
          ? ' Drag a handle to resize.'
          : '';
    return `Selected: ${what}. Drag to move, arrows nudge, a label's key relabels, Delete removes, right-click for more.${extra}`;
  }
  if (drawType && !drawLabel) return `No label applies to ${drawType}s yet: add one in Labels.`;
  if (annotator.toolName === 'box') return 'Drag from one corner to the other.';
  if (annotator.toolName === 'polygon')
    return annotator.preview?.polygon
      ? 'Click to add vertices; click the first vertex or press Enter to close; Backspace removes the last; Escape cancels.'
      : 'Click to place the first vertex.';
  if (annotator.toolName === 'point') return 'Click to place a point.';
  if (annotator.toolName === 'rbox')
    return 'Drag from one corner to the other; then turn it by its knob (Select) or with , . < >.';
  if (annotator.toolName === 'polyline')
    return annotator.preview?.polygon
      ? 'Click to add vertices; Enter or a click on the last vertex ends the line; Backspace removes the last.'
      : 'Click to place the first vertex of the line.';
  if (annotator.toolName === 'keypoints') {
    const next =
      annotator.preview?.keypoints?.next ?? (annotator.tools.keypoints as KeypointsTool).next();
    return `Click to place “${next ?? '?'}” (Shift+click: hidden; U: not labeled; Enter ends; Backspace takes back).`;
  }
  if (annotator.toolName === 'mask')
    return 'Paint to add to the selected mask (a new one when none is selected); Shift or E erases; [ ] change the brush.';
  if (annotator.toolName === 'pan') return 'Drag to pan; the wheel zooms around the pointer.';
  return 'Click a shape to select it (Shift adds, Alt+click or Tab picks the one beneath).';
}
