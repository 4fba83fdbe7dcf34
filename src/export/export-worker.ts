import '../platform/zod-jitless.ts';
import { version } from '../../package.json';
import { Repository } from '../storage/repository.ts';
import {
  batches,
  planExport,
  runExport,
  type ExportPlan,
  type ExportRequest,
  type ExportResult,
} from './export-job.ts';
import { chosenFile, fileInFolder, stagingFolder, type BundleFile } from './bundle-files.ts';
import { bundleFormats } from './format-exports.ts';
import { signSavedArchive } from './archive-signature.ts';
import type { ExportJob, FromWorker, ToWorker } from './export-protocol.ts';

// The export worker: reads storage, zips, hashes, signs and writes off the main thread, so
// the page stays responsive however large the bundle. One export per worker.

// The DOM lib types `self` as a Window; in this module it is a dedicated worker's scope.
const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const controller = new AbortController();
const post = (message: FromWorker) => scope.postMessage(message);

interface Planned {
  request: ExportRequest;
  plan: ExportPlan;
}

async function plan(repository: Repository, jobs: ExportJob[]): Promise<Planned[]> {
  const planned: Planned[] = [];
  for (const job of jobs) {
    const whole = await planExport(repository, job);
    if (!job.batchSize || whole.ids.length <= job.batchSize) {
      planned.push({ request: job, plan: whole });
      continue;
    }
    for (const ids of batches(whole.ids, job.batchSize)) {
      const request: ExportRequest = { ...job, scope: { kind: 'items', ids } };
      planned.push({ request, plan: await planExport(repository, request) });
    }
  }
  return planned;
}

async function start(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const repository = new Repository();
  const { signal } = controller;
  const planned = await plan(repository, message.jobs);
  post({
    type: 'planned',
    bundles: planned.length,
    totalItems: planned.reduce((n, p) => n + p.plan.ids.length, 0),
    totalMediaBytes: planned.reduce((n, p) => n + p.plan.mediaBytes, 0),
  });
  const { target } = message;
  const folder =
    target.kind === 'directory'
      ? target.handle
      : target.kind === 'download'
        ? await stagingFolder()
        : undefined;
  let itemsBefore = 0;
  let bytesBefore = 0;
  let mediaBefore = 0;
  for (const [index, { request, plan }] of planned.entries()) {
    signal.throwIfAborted();
    if (plan.ids.length === 0) {
      const error =
        request.scope.kind === 'changed'
          ? 'Nothing changed since the last export.'
          : 'No items to export.';
      post({ type: 'bundle', index, outcome: { project: plan.project.name, error } });
      continue;
    }
    let file: BundleFile | undefined;
    let lastPost = 0;
    try {
      file =
        target.kind === 'file'
          ? await chosenFile(target.handle, target.suggestedName)
          : await fileInFolder(folder!);
      // One export's bundles share its start time only for a single bundle (the picked name).
      const createdAt = planned.length === 1 ? new Date(message.createdAt) : new Date();
      const result = await runExport(repository, plan, request, file.sink, {
        signer: message.signer,
        appVersion: version,
        createdAt,
        signal,
        formats: bundleFormats,
        onProgress: (p) => {
          const now = performance.now();
          if (now - lastPost < 100 && p.items < p.totalItems) return;
          lastPost = now;
          post({
            type: 'progress',
            bundle: index,
            items: itemsBefore + p.items,
            bytes: bytesBefore + p.bytes,
            mediaBytes: mediaBefore + p.mediaBytes,
          });
        },
      });
      const name = await file.commit(result.fileName);
      const committed = file;
      file = undefined;
      // The whole archive, read back from disk and signed: <bundle>.zip.minisig beside it. The
      // bundle is saved by now: a failure here is the signature's alone, said as such.
      const archive = await committed.saved();
      let signed: Pick<ExportResult, 'archiveSignature' | 'archiveSignatureError'> = {};
      let signatureFile: File | undefined;
      try {
        const signature = await signSavedArchive(archive, name, message.signer, createdAt);
        signatureFile = signature && (await committed.beside?.(signature.name, signature.text));
        if (signature) signed = { archiveSignature: { ...signature, saved: !!signatureFile } };
      } catch (error) {
        signed = { archiveSignatureError: error instanceof Error ? error.message : String(error) };
      }
      const saved = { ...result, fileName: name, ...signed };
      const download = target.kind === 'download' ? archive : undefined;
      post({
        type: 'bundle',
        index,
        outcome: {
          project: plan.project.name,
          result: saved,
          ...(download ? { file: download } : {}),
          ...(download && signatureFile ? { signatureFile } : {}),
        },
      });
      bytesBefore += result.size;
    } catch (error) {
      await file?.discard();
      if (signal.aborted) throw error;
      post({
        type: 'bundle',
        index,
        outcome: {
          project: plan.project.name,
          error: error instanceof Error ? error.message : String(error),
        },
      });
    }
    itemsBefore += plan.ids.length;
    mediaBefore += plan.mediaBytes;
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'cancel') {
    controller.abort();
    return;
  }
  start(message).then(
    () => post({ type: 'finished' }),
    (error: unknown) =>
      post(
        controller.signal.aborted
          ? { type: 'cancelled' }
          : { type: 'failed', message: error instanceof Error ? error.message : String(error) },
      ),
  );
};
