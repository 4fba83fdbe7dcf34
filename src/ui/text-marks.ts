import {
  UNDERLINE_THICKNESS,
  roomBelow,
  underlinesOf,
  type Segment,
} from '../model/span-layout.ts';

/** A span or a suggestion as a block of the text view draws it (UTF-16 offsets). */
export interface Mark {
  id: string;
  start: number;
  end: number;
  level: number;
  /** Where its tag goes: the span's end, or the end of the word it ends inside. */
  anchor: number;
  color: string;
  name: string;
  text: string;
  suggestion: boolean;
  /** Selected (a span) or focused (a suggestion). */
  current: boolean;
  relating: boolean;
}

const TICK = 6;

/**
 * The CSS background of one run of text: an underline per mark at its level (dashed for a
 * suggestion), a tick where a mark starts or ends (mirrored in right-to-left text), and a tint
 * for the selected one. Positions are from the bottom of the run, whose padding is `room`.
 */
export function markBackground(
  segment: Segment,
  marks: ReadonlyMap<string, Mark>,
  room: number,
  rtl: boolean,
): string {
  const layers: string[] = [];
  const tints: string[] = [];
  for (const line of underlinesOf(segment)) {
    const mark = marks.get(line.id);
    if (!mark) continue;
    const c = mark.color;
    // In `calc(100% - X)` the 100% is the box's height less the image's: X is the room left
    // under the underline's bottom edge.
    const fromBottom = room - line.y - UNDERLINE_THICKNESS;
    const y = `calc(100% - ${fromBottom}px)`;
    const paint = mark.suggestion
      ? `repeating-linear-gradient(90deg, ${c} 0 4px, transparent 4px 7px)`
      : `linear-gradient(${c}, ${c})`;
    layers.push(`${paint} 0 ${y} / 100% ${UNDERLINE_THICKNESS}px no-repeat`);
    // A tick of any height with the same offset ends where the underline ends: it rises from it.
    const tickY = y;
    const left = rtl ? line.endsHere : line.startsHere;
    const right = rtl ? line.startsHere : line.endsHere;
    if (left) layers.push(`linear-gradient(${c}, ${c}) 0 ${tickY} / 2px ${TICK}px no-repeat`);
    if (right) layers.push(`linear-gradient(${c}, ${c}) 100% ${tickY} / 2px ${TICK}px no-repeat`);
    if (mark.current) tints.push(`linear-gradient(${c}33, ${c}33)`);
  }
  return [...layers, ...tints].join(', ');
}

/** Padding under a run for its deepest mark. */
export function runRoom(segment: Segment): number {
  let depth = 0;
  for (const s of segment.spans) if (s.id && s.level + 1 > depth) depth = s.level + 1;
  return roomBelow(depth);
}
