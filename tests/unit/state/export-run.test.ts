import { describe, expect, it, vi } from 'vitest';
import { ExportRun } from '../../../src/state/export-run.svelte.ts';
import type { LaunchExport, StartMessage } from '../../../src/export/export-client.ts';
import type { FromWorker } from '../../../src/export/export-protocol.ts';
import type { ExportSigner } from '../../../src/export/export-job.ts';
import type { ExportResult } from '../../../src/export/export-job.ts';

// The export as the labeler follows it, driven by a scripted worker.

function scripted() {
  const sent: StartMessage[] = [];
  let reply: (message: FromWorker) => void = () => {};
  const cancel = vi.fn(() => reply({ type: 'cancelled' }));
  const launch: LaunchExport = (message, onMessage) => {
    sent.push(message);
    reply = onMessage;
    return { cancel };
  };
  return { launch, sent, cancel, reply: (m: FromWorker) => reply(m) };
}

const signer = { name: 'Ada', keyId: '0123456789ABCDEF', publicKey: 'x' } as ExportSigner;
const result = (fileName: string): ExportResult => ({
  fileName,
  size: 1000,
  items: 2,
  annotations: 3,
  keyId: signer.keyId,
  manifestSha256: 'f'.repeat(64),
  warnings: [],
});

describe('export run', () => {
  it('reports items, bytes and a time left from the pace so far, then what was written', () => {
    vi.useFakeTimers();
    const worker = scripted();
    const delivered: string[] = [];
    const run = new ExportRun(worker.launch, (_file, name) => delivered.push(name));
    run.start([{ projectId: 'p', scope: { kind: 'all' }, includeMedia: true }], signer, {
      kind: 'download',
    });
    expect(run.phase).toBe('running');
    expect(worker.sent[0]).toMatchObject({ type: 'start', signer, target: { kind: 'download' } });
    worker.reply({ type: 'planned', bundles: 1, totalItems: 100, totalMediaBytes: 1000 });
    worker.reply({ type: 'progress', bundle: 0, items: 100, bytes: 600, mediaBytes: 500 });
    expect(run.fraction).toBeCloseTo(0.02 + 0.98 * 0.5);
    expect(run.timeLeftMs).toBeUndefined();
    vi.advanceTimersByTime(10_000);
    // 51% done in 10 s: about 10 s to go.
    expect(run.timeLeftMs).toBeCloseTo((10_000 * 0.49) / 0.51, -2);
    const file = new File(['zip'], 'x');
    worker.reply({
      type: 'bundle',
      index: 0,
      outcome: { project: 'P', result: result('p-1.zip'), file },
    });
    worker.reply({ type: 'finished' });
    expect(run.phase).toBe('finished');
    expect(run.written.map((o) => o.result?.fileName)).toEqual(['p-1.zip']);
    expect(delivered).toEqual(['p-1.zip']);
    expect(run.fraction).toBe(1);
    vi.useRealTimers();
  });

  it('cancels, keeps the bundles already written and says which failed', () => {
    const worker = scripted();
    const run = new ExportRun(worker.launch, () => {});
    run.start(
      [{ projectId: 'p', scope: { kind: 'all' }, includeMedia: false, batchSize: 1 }],
      signer,
      {
        kind: 'download',
      },
    );
    worker.reply({ type: 'planned', bundles: 3, totalItems: 3, totalMediaBytes: 0 });
    worker.reply({ type: 'bundle', index: 0, outcome: { project: 'P', result: result('a.zip') } });
    worker.reply({ type: 'bundle', index: 1, outcome: { project: 'P', error: 'No room left.' } });
    // A second start while running is ignored.
    run.start([], signer, { kind: 'download' });
    expect(worker.sent).toHaveLength(1);
    run.cancel();
    expect(worker.cancel).toHaveBeenCalledOnce();
    expect(run.phase).toBe('cancelled');
    expect(run.written).toHaveLength(1);
    expect(run.failedBundles).toEqual([{ project: 'P', error: 'No room left.' }]);
    // Late messages from a cancelled worker change nothing.
    worker.reply({ type: 'finished' });
    expect(run.phase).toBe('cancelled');
  });

  it('shows why an export failed', () => {
    const worker = scripted();
    const run = new ExportRun(worker.launch, () => {});
    run.start([], signer, { kind: 'download' });
    worker.reply({ type: 'failed', message: 'This project no longer exists.' });
    expect(run).toMatchObject({ phase: 'failed', error: 'This project no longer exists.' });
  });
});
