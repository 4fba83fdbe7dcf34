import { describe, expect, it, vi } from 'vitest';
import userEvent from '@testing-library/user-event';
import { render, screen } from '@testing-library/svelte';
import StorageStatus from '../../src/ui/StorageStatus.svelte';

describe('StorageStatus', () => {
  it('says storage is kept when the browser granted persistence, with the usage', () => {
    const { container } = render(StorageStatus, {
      props: { status: { persisted: true, usage: 1_500_000, quota: 10_000_000_000 } },
    });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Storage: kept (persistent)');
    expect(screen.getByText('· 1.5 MB used')).toBeVisible();
    expect(container.querySelector('[title]')).toHaveAttribute(
      'title',
      expect.stringContaining('promised not to delete'),
    );
    expect(status).not.toHaveClass('warn');
  });

  it('warns when the browser may clear the data', () => {
    const { container } = render(StorageStatus, {
      props: { status: { persisted: false, usage: 512 } },
    });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Storage: may be cleared by the browser');
    expect(status).not.toHaveTextContent('kept');
    expect(status).toHaveClass('warn');
    expect(screen.getByText('· 512 B used')).toBeVisible();
    expect(container.querySelector('[title]')).toHaveAttribute(
      'title',
      expect.stringContaining('Export bundles or a backup regularly'),
    );
  });

  it('warns when the browser cannot persist at all, and omits unknown usage', () => {
    render(StorageStatus, { props: { status: { persisted: 'unsupported' } } });
    const status = screen.getByRole('status');
    expect(status).toHaveTextContent('Storage: this browser cannot promise to keep data');
    expect(status).toHaveClass('warn');
    expect(screen.queryByText(/used$/)).not.toBeInTheDocument();
  });

  it('says it is checking before the status is known, then updates', async () => {
    const { rerender } = render(StorageStatus, { props: { status: undefined } });
    expect(screen.getByRole('status')).toHaveTextContent('Checking storage…');
    expect(screen.getByRole('status')).not.toHaveClass('warn');

    await rerender({ status: { persisted: true, usage: 2_000_000_000 } });
    expect(screen.getByRole('status')).toHaveTextContent('Storage: kept (persistent)');
    expect(screen.getByText('· 2.0 GB used')).toBeVisible();
  });

  it('explains a refusal in plain words on request, and can ask the browser again', async () => {
    const onaskagain = vi.fn();
    render(StorageStatus, { props: { status: { persisted: false }, onaskagain } });
    const why = screen.getByRole('button', { name: 'What does this mean?' });
    expect(why).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByRole('region', { name: 'About storage' })).not.toBeInTheDocument();
    await userEvent.click(why);
    expect(why).toHaveAttribute('aria-expanded', 'true');
    const about = screen.getByRole('region', { name: 'About storage' });
    expect(about).toHaveTextContent('if the disk runs low, it may delete');
    expect(about).toHaveTextContent('Install Airlock as an app');
    expect(about).toHaveTextContent('workspace backup');
    await userEvent.click(screen.getByRole('button', { name: 'Ask the browser again' }));
    expect(onaskagain).toHaveBeenCalledOnce();
  });

  it('has nothing to explain when the browser promised to keep the data', () => {
    render(StorageStatus, { props: { status: { persisted: true } } });
    expect(screen.queryByRole('button', { name: 'What does this mean?' })).not.toBeInTheDocument();
  });
});
