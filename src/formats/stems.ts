// File stems for per-image export files (YOLO labels, VOC XML). A stem must be a safe single
// path segment in a ZIP and on any file system, and unique even where names differ only by
// folder or by letter case (Windows and macOS file systems ignore case).

/** Characters kept: letters and digits of any script, combining marks, `.`, `-` and `_`. */
const UNSAFE = /[^\p{L}\p{M}\p{N}._-]+/gu;

/** The safe form of one item name's stem, before making it unique. */
export function safeStem(name: string): string {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const safe = stem
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/^[._]+/, '')
    .slice(0, 120);
  return safe === '' ? 'image' : safe;
}

/**
 * The stem of each image item, by item id: its safe stem, and where two items would share one
 * (compared case-insensitively), the later item in order gets `-2`, `-3`, … appended.
 */
export function imageStems(items: readonly { id: string; name: string }[]): Map<string, string> {
  const taken = new Set<string>();
  const stems = new Map<string, string>();
  for (const item of items) {
    const base = safeStem(item.name);
    let stem = base;
    for (let n = 2; taken.has(stem.toLowerCase()); n++) stem = `${base}-${n}`;
    taken.add(stem.toLowerCase());
    stems.set(item.id, stem);
  }
  return stems;
}
