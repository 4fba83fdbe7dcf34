import { describe, expect, it } from 'vitest';
import { ActiveWork, trackHeldPointers } from '../../../src/platform/active-work.ts';

function pointer(type: string, pointerId: number): Event {
  const event = new Event(type);
  Object.defineProperty(event, 'pointerId', { value: pointerId });
  return event;
}

describe('ActiveWork', () => {
  it('names the oldest open work until each one ends', () => {
    const work = new ActiveWork();
    expect(work.current).toBeUndefined();
    const endImport = work.begin('an import');
    const endDrag = work.begin('a drag');
    expect(work.current).toBe('an import');
    endImport();
    expect(work.current).toBe('a drag');
    endImport(); // ending twice is harmless
    expect(work.current).toBe('a drag');
    endDrag();
    expect(work.current).toBeUndefined();
  });

  it('counts a held pointer as a drag until it is released, cancelled or the window loses focus', () => {
    const work = new ActiveWork();
    const stop = trackHeldPointers(window, work);
    window.dispatchEvent(pointer('pointerdown', 1));
    expect(work.current).toBe('a drag');
    window.dispatchEvent(pointer('pointerdown', 2)); // a second finger
    window.dispatchEvent(pointer('pointerup', 1));
    expect(work.current).toBe('a drag');
    window.dispatchEvent(pointer('pointercancel', 2));
    expect(work.current).toBeUndefined();

    window.dispatchEvent(pointer('pointerdown', 3));
    window.dispatchEvent(new Event('blur'));
    expect(work.current).toBeUndefined();

    stop();
    window.dispatchEvent(pointer('pointerdown', 4));
    expect(work.current).toBeUndefined();
  });
});
