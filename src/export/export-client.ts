import type { ExportTarget, FromWorker, ToWorker } from './export-protocol.ts';
import { downloadFile } from '../platform/save-file.ts';

// The page's side of an export: choose where bundles go, run the worker, hand out downloads.

export type StartMessage = Extract<ToWorker, { type: 'start' }>;

export interface RunningExport {
  cancel(): void;
}

export type LaunchExport = (
  message: StartMessage,
  onMessage: (message: FromWorker) => void,
) => RunningExport;

/** Runs an export in a module worker (a bundled file: the CSP allows no blob: workers). */
export const launchWorker: LaunchExport = (message, onMessage) => {
  const worker = new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' });
  let ended = false;
  const end = () => {
    ended = true;
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    onMessage(event.data);
    if (['finished', 'cancelled', 'failed'].includes(event.data.type)) end();
  };
  worker.onerror = (event) => {
    event.preventDefault();
    onMessage({ type: 'failed', message: event.message || 'The export stopped unexpectedly.' });
    end();
  };
  worker.postMessage(message satisfies ToWorker);
  return {
    cancel() {
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      // A worker stuck in one long write is stopped outright after a grace period (only if
      // it has not ended by then: a late "cancelled" would stop the next export).
      setTimeout(() => {
        if (ended) return;
        onMessage({ type: 'cancelled' });
        end();
      }, 5000);
    },
  };
};

interface Pickers {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<FileSystemFileHandle>;
  showDirectoryPicker?: (options: { mode: 'readwrite' }) => Promise<FileSystemDirectoryHandle>;
}

const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

/**
 * Asks where to save one bundle: the save dialog where the browser has one, otherwise a
 * download. Null when the labeler closed the dialog.
 */
export async function chooseFile(suggestedName: string): Promise<ExportTarget | null> {
  const pickers = window as Pickers;
  if (!pickers.showSaveFilePicker) return { kind: 'download' };
  try {
    const handle = await pickers.showSaveFilePicker({
      suggestedName,
      types: [{ description: 'Label bundle', accept: { 'application/zip': ['.zip'] } }],
    });
    return { kind: 'file', handle, suggestedName };
  } catch (error) {
    if (isAbort(error)) return null;
    throw error;
  }
}

/** Asks for a folder for many bundles; downloads where the browser cannot. */
export async function chooseFolder(): Promise<ExportTarget | null> {
  const pickers = window as Pickers;
  if (!pickers.showDirectoryPicker) return { kind: 'download' };
  try {
    return { kind: 'directory', handle: await pickers.showDirectoryPicker({ mode: 'readwrite' }) };
  } catch (error) {
    if (isAbort(error)) return null;
    throw error;
  }
}

/** Saves a finished bundle (a disk-backed File from the staging area) as a download. */
export function download(file: File, name: string): void {
  downloadFile(file, name);
}

/**
 * Saves a small text file the labeler asked for (a bundle's .minisig when the bundle went to a
 * file they chose, whose folder the app cannot write into): the save dialog, else a download.
 */
export async function saveText(name: string, text: string): Promise<void> {
  const pickers = window as Pickers;
  if (pickers.showSaveFilePicker) {
    try {
      const handle = await pickers.showSaveFilePicker({
        suggestedName: name,
        types: [{ description: 'minisign signature', accept: { 'text/plain': ['.minisig'] } }],
      });
      const out = await handle.createWritable();
      await out.write(text);
      await out.close();
      return;
    } catch (error) {
      if (isAbort(error)) return;
      throw error;
    }
  }
  download(new File([text], name, { type: 'text/plain' }), name);
}
