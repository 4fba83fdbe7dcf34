/**
 * The hotkey a key press stands for, in the form labels store ("1", "p", "shift+p", "alt+2").
 * Letters and digits come from the printed key; when a modifier turns them into another
 * character (Shift+1 → "!", Alt+P → "π" on a Mac) the physical key decides instead.
 */
export function hotkeyOf(event: KeyboardEvent): string {
  let key = event.key.toLowerCase();
  let shift = event.shiftKey;
  if (!/^[a-z0-9]$/.test(key)) {
    const physical = /^(?:Key([A-Z])|Digit([0-9]))$/.exec(event.code);
    if (physical) key = (physical[1] ?? physical[2]!).toLowerCase();
    // A symbol such as "?" already says Shift was held (on this layout): name the symbol.
    else if (key.length === 1) shift = false;
  }
  return [event.altKey && 'alt', shift && 'shift', key].filter(Boolean).join('+');
}

/** Keys a ticked checkbox or radio button uses itself: Space toggles, arrows move in a group. */
const TOGGLE_KEYS = /^(?: |Arrow(?:Up|Down|Left|Right))$/;

/**
 * Whether a key press belongs to something else: typing in a field, or an open dialog. A
 * checkbox or radio button (an attribute just ticked) keeps only the keys it uses, so the
 * labeler's hotkeys go on working after a click on one.
 */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target;
  const field =
    target instanceof Element && target.closest('input, textarea, select, [contenteditable]');
  if (field) {
    const toggle = field.matches('input[type="checkbox"], input[type="radio"]');
    if (!toggle || TOGGLE_KEYS.test(event.key)) return true;
  }
  return document.querySelector('dialog[open]') !== null;
}
