import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ExportProgress from '../../src/ui/ExportProgress.svelte';
import { ExportRun } from '../../src/state/export-run.svelte.ts';
import type { FromWorker } from '../../src/export/export-protocol.ts';
import type { ExportSigner } from '../../src/export/export-job.ts';

function running() {
  let reply: (m: FromWorker) => void = () => {};
  const run = new ExportRun(
    (_message, onMessage) => {
      reply = onMessage;
      return { cancel: () => reply({ type: 'cancelled' }) };
    },
    () => {},
  );
  run.start([], { name: 'Ada' } as ExportSigner, { kind: 'download' });
  return { run, reply: (m: FromWorker) => flushSync(() => reply(m)) };
}

describe('ExportProgress', () => {
  it('shows items and bytes while running, and Cancel stops it', async () => {
    const { run, reply } = running();
    render(ExportProgress, { props: { run } });
    reply({ type: 'planned', bundles: 1, totalItems: 1000, totalMediaBytes: 5_000_000_000 });
    reply({
      type: 'progress',
      bundle: 0,
      items: 1000,
      bytes: 1_200_000_000,
      mediaBytes: 1_000_000_000,
    });
    const group = screen.getByRole('group', { name: 'Export progress' });
    expect(group).toHaveTextContent(
      '1,000 of 1,000 items · 1.2 GB written (1.0 GB of 5.0 GB of images)',
    );
    expect(screen.getByRole('progressbar', { name: 'Exported' })).toHaveAttribute(
      'value',
      String(0.02 + 0.98 * 0.2),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      'Export cancelled. No partial bundle was kept.',
    );
  });

  it('lists the bundles written and those that failed, with how to verify them', () => {
    const { run, reply } = running();
    render(ExportProgress, { props: { run } });
    reply({ type: 'planned', bundles: 2, totalItems: 2, totalMediaBytes: 0 });
    reply({
      type: 'bundle',
      index: 0,
      outcome: {
        project: 'Contracts',
        result: {
          fileName: 'contracts-20261123T102030Z-89113c0c.zip',
          size: 86_100,
          items: 9,
          annotations: 1,
          keyId: '7B11791E9CC1D26E',
          manifestSha256: '',
          warnings: [],
        },
      },
    });
    reply({
      type: 'bundle',
      index: 1,
      outcome: {
        project: 'Scans',
        error: 'The stored image of "a.png" is damaged (its SHA-256 changed).',
      },
    });
    reply({ type: 'finished' });
    const result = screen.getByRole('region', { name: 'Export result' });
    expect(result).toHaveTextContent(
      'contracts-20261123T102030Z-89113c0c.zip 86.1 kB · 9 items · 1 annotation · key 7B11791E9CC1D26E',
    );
    expect(result).toHaveTextContent(
      '1 bundle could not be written: Scans: The stored image of "a.png" is damaged',
    );
    expect(result).toHaveTextContent('npx airlock verify <bundle.zip> --keys <your .pub file>');
  });

  it('lists what the formats could not hold: the count, then each item and reason', async () => {
    const { run, reply } = running();
    render(ExportProgress, { props: { run } });
    reply({ type: 'planned', bundles: 1, totalItems: 2, totalMediaBytes: 0 });
    reply({
      type: 'bundle',
      index: 0,
      outcome: {
        project: 'Street',
        result: {
          fileName: 'street.zip',
          size: 1000,
          items: 2,
          annotations: 3,
          keyId: '7B11791E9CC1D26E',
          manifestSha256: '',
          warnings: [
            {
              path: 'exports/yolo/labels/edge.txt',
              itemId: 'i1',
              itemName: 'edge.png',
              annotationId: 'a1',
              reason: 'the box reaches outside the image and was clipped to it',
            },
            {
              path: 'exports/conll.txt',
              itemId: 'i2',
              itemName: 'memo <b>1</b>',
              annotationId: 'a2',
              reason: 'span "Ches" [0, 4) cuts through the token "Chester"',
            },
          ],
        },
      },
    });
    reply({ type: 'finished' });
    const list = screen.getByRole('region', { name: 'Export warnings' });
    expect(list).toHaveTextContent('2 things the standard formats could not hold');
    await userEvent.click(screen.getByText(/2 things the standard formats/));
    const items = screen.getAllByRole('listitem').filter((li) => list.contains(li));
    expect(items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'exports/yolo/labels/edge.txt · edge.png: the box reaches outside the image and was clipped to it',
      'exports/conll.txt · memo <b>1</b>: span "Ches" [0, 4) cuts through the token "Chester"',
    ]);
  });
});
