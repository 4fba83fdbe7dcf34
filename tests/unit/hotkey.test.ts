import { describe, expect, it } from 'vitest';
import { hotkeyOf, isTyping } from '../../src/ui/hotkey.ts';
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

describe('isTyping', () => {
  const pressIn = (html: string, key: string) => {
    document.body.innerHTML = html;
    const target = document.body.firstElementChild as HTMLElement;
    let typing: boolean | undefined;
    target.addEventListener('keydown', (e) => (typing = isTyping(e)));
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    return typing;
  };

  it('leaves letters in text fields to the field', () => {
    expect(pressIn('<input type="text">', 'q')).toBe(true);
    expect(pressIn('<textarea></textarea>', '1')).toBe(true);
    expect(pressIn('<div>x</div>', 'q')).toBe(false);
  });

  it('lets hotkeys through a ticked checkbox or radio, which keeps Space and arrows', () => {
    expect(pressIn('<input type="checkbox">', 'q')).toBe(false);
    expect(pressIn('<input type="radio">', '2')).toBe(false);
    expect(pressIn('<input type="checkbox">', ' ')).toBe(true);
    expect(pressIn('<input type="radio">', 'ArrowDown')).toBe(true);
  });
});
