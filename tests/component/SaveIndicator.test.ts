import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import SaveIndicator from '../../src/ui/SaveIndicator.svelte';
import { PendingWrites } from '../../src/storage/pending-writes.ts';

describe('SaveIndicator', () => {
  it('says Saving… while any write is pending and Saved once the last one is committed', () => {
    const writes = new PendingWrites();
    render(SaveIndicator, { props: { writes } });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Saved');

    const first = writes.begin();
    const second = writes.begin();
    flushSync();
    expect(status).toHaveTextContent('Saving…');
    first();
    flushSync();
    expect(status).toHaveTextContent('Saving…'); // one is still on its way
    second();
    flushSync();
    expect(status).toHaveTextContent('Saved');
    expect(status).toHaveAttribute('title', expect.stringContaining('Every edit is written'));
  });

  it('starts as Saving… when writes are already pending', () => {
    const writes = new PendingWrites();
    writes.begin();
    render(SaveIndicator, { props: { writes } });
    expect(screen.getByRole('status')).toHaveTextContent('Saving…');
  });
});
