import { hotkeyOf } from './hotkey.ts';

/**
 * Commands are data: one table drives the hotkeys and the hotkey help, so the help can never
 * disagree with what the keys do.
 */
export interface Command {
  /** What the labeler reads in the help. */
  name: string;
  /** Keys as `hotkeyOf` spells them, with `ctrl+` first when Ctrl (or ⌘) is held. */
  keys: string[];
  group: string;
  run: () => unknown;
  /** Whether the command applies right now (e.g. a span is selected). */
  when?: () => boolean;
}

/** The key press in the table's spelling: "ctrl+shift+z", "alt+r", "1", "?". */
export function keyOf(event: KeyboardEvent): string {
  const base = hotkeyOf(event);
  return event.ctrlKey || event.metaKey ? `ctrl+${base}` : base;
}

/** Runs the command bound to this key press, if any; returns whether one ran. */
export function dispatch(commands: readonly Command[], event: KeyboardEvent): boolean {
  const key = keyOf(event);
  const command = commands.find((c) => c.keys.includes(key) && (c.when?.() ?? true));
  if (!command) return false;
  event.preventDefault();
  void command.run();
  return true;
}

const KEY_NAMES: Record<string, string> = {
  arrowright: '→',
  arrowleft: '←',
  arrowup: '↑',
  arrowdown: '↓',
  pageup: 'Page Up',
  pagedown: 'Page Down',
};

/** How a key is shown in the help: "Ctrl+Shift+Z", "Alt+R", "Shift+→", "Page Down". */
export function showKey(key: string): string {
  // Split at "+" except a final one, which is the key itself ("+" or "ctrl++").
  return key
    .split(/\+(?!$)/)
    .map((part) => KEY_NAMES[part] ?? part[0]!.toUpperCase() + part.slice(1))
    .join('+');
}
