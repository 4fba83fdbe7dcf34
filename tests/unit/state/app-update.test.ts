import { describe, expect, it, vi } from 'vitest';
import { AppUpdate } from '../../../src/state/app-update.svelte.ts';

/** An AppUpdate whose open work and saving the test controls step by step. */
function setup() {
  const work: string[] = [];
  let release: () => void = () => {};
  const activate = vi.fn();
  const settle = vi.fn(() => Promise.resolve());
  const pauses: (() => void)[] = [];
  const update = new AppUpdate({
    workInProgress: () => work[0],
    settle,
    activate,
    pause: () =>
      new Promise<void>((resolve) => {
        pauses.push(resolve);
        release = resolve;
      }),
  });
  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { update, work, activate, settle, pauses, next: () => release(), tick };
}

describe('AppUpdate', () => {
  it('only announces a new version; nothing reloads until the labeler asks', async () => {
    const { update, activate, tick } = setup();
    expect(update.phase).toBe('current');
    update.announce();
    expect(update.phase).toBe('ready');
    await tick();
    expect(activate).not.toHaveBeenCalled();
  });

  it('reloads at once, after saving, when nothing is in progress', async () => {
    const { update, activate, settle } = setup();
    update.announce();
    await update.reload();
    expect(settle).toHaveBeenCalledOnce();
    expect(activate).toHaveBeenCalledOnce();
    expect(update.phase).toBe('reloading');
  });

  it('waits while an edit is being saved or a drag is held, and says what it waits for', async () => {
    const { update, work, activate, next, tick } = setup();
    update.announce();
    work.push('a drag');
    const reloading = update.reload();
    await tick();
    expect(update.phase).toBe('waiting');
    expect(update.waitingFor).toBe('a drag');
    expect(activate).not.toHaveBeenCalled();

    work[0] = 'saving your last edit';
    next();
    await tick();
    expect(update.waitingFor).toBe('saving your last edit');
    expect(activate).not.toHaveBeenCalled();

    work.length = 0;
    next();
    await reloading;
    expect(update.waitingFor).toBeUndefined();
    expect(activate).toHaveBeenCalledOnce();
  });

  it('looks again after saving: work started meanwhile delays the reload', async () => {
    const { update, work, activate, settle, next, tick } = setup();
    settle.mockImplementationOnce(() => {
      work.push('an import'); // the labeler started an import while the last edit was saved
      return Promise.resolve();
    });
    update.announce();
    const reloading = update.reload();
    await tick();
    expect(update.waitingFor).toBe('an import');
    expect(activate).not.toHaveBeenCalled();
    work.length = 0;
    next();
    await reloading;
    expect(settle).toHaveBeenCalledTimes(2);
    expect(activate).toHaveBeenCalledOnce();
  });

  it('ignores a second click while it waits, and announcements while reloading', async () => {
    const { update, activate } = setup();
    await update.reload(); // nothing announced: nothing to do
    expect(activate).not.toHaveBeenCalled();
    update.announce();
    await Promise.all([update.reload(), update.reload()]);
    expect(activate).toHaveBeenCalledOnce();
    update.announce();
    expect(update.phase).toBe('reloading');
  });
});
