import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import UpdateNotice from '../../src/ui/UpdateNotice.svelte';
import { AppUpdate } from '../../src/state/app-update.svelte.ts';

function setup(work: () => string | undefined = () => undefined) {
  const activate = vi.fn();
  let resume: () => void = () => {};
  const update = new AppUpdate({
    workInProgress: work,
    settle: () => Promise.resolve(),
    activate,
    pause: () => new Promise<void>((resolve) => (resume = resolve)),
  });
  render(UpdateNotice, { props: { update } });
  return { update, activate, resume: () => resume() };
}

describe('UpdateNotice', () => {
  it('says nothing until the app is cached, then that it works offline', () => {
    const { update } = setup();
    expect(screen.getByRole('status')).toHaveTextContent('');
    update.offlineReady = true;
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('Works offline');
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
  });

  it('announces a new version and reloads only when the labeler clicks', async () => {
    const { update, activate } = setup();
    update.offlineReady = true;
    update.announce();
    flushSync();
    expect(screen.getByRole('status')).toHaveTextContent('A new version of Airlock is ready.');
    expect(activate).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(activate).toHaveBeenCalledOnce();
    expect(screen.getByRole('status')).toHaveTextContent('Reloading…');
  });

  it('tells the labeler what the reload waits for', async () => {
    let work: string | undefined = 'a drag';
    const { update, activate, resume } = setup(() => work);
    update.announce();
    flushSync();
    await userEvent.click(screen.getByRole('button', { name: 'Reload to update' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Reloading once this is finished: a drag.',
    );
    expect(activate).not.toHaveBeenCalled();
    work = undefined;
    resume();
    await vi.waitFor(() => expect(activate).toHaveBeenCalledOnce());
  });
});
