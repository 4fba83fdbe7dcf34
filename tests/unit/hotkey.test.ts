import { describe, expect, it } from 'vitest';
import { hotkeyOf } from '../../src/ui/hotkey.ts';
import { showKey } from '../../src/ui/commands.ts';

const press = (key: string, code: string, mods: KeyboardEventInit = {}) =>
  hotkeyOf(new KeyboardEvent('keydown', { key, code, ...mods }));

describe('hotkeyOf', () => {
  it('reads plain letters and digits from the printed key', () => {
    expect(press('p', 'KeyP')).toBe('p');
    expect(press('1', 'Digit1')).toBe('1');
    // AZERTY: the key printed "a" sits where QWERTY has Q; the label's "a" must still fire.
    expect(press('a', 'KeyQ')).toBe('a');
  });

  it('names the physical key when a modifier changes the character', () => {
    expect(press('!', 'Digit1', { shiftKey: true })).toBe('shift+1');
    expect(press('P', 'KeyP', { shiftKey: true })).toBe('shift+p');
    expect(press('π', 'KeyP', { altKey: true })).toBe('alt+p');
  });

  it('leaves other keys as they are', () => {
    expect(press('Enter', 'Enter')).toBe('enter');
    expect(press('?', 'Slash', { shiftKey: true })).toBe('?');
    expect(press('ArrowLeft', 'ArrowLeft', { shiftKey: true })).toBe('shift+arrowleft');
  });
});

describe('showKey', () => {
  it('names keys as a labeler reads them', () => {
    expect(showKey('ctrl+shift+z')).toBe('Ctrl+Shift+Z');
    expect(showKey('shift+arrowright')).toBe('Shift+→');
    expect(showKey('pagedown')).toBe('Page Down');
    expect(showKey('?')).toBe('?');
    expect(showKey('+')).toBe('+');
    expect(showKey('ctrl++')).toBe('Ctrl++');
  });
});
