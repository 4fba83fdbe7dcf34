import { describe, expect, it } from 'vitest';
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
});
