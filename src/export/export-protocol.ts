import type { ExportRequest, ExportResult, ExportSigner } from './export-job.ts';

// Messages between the page and the export worker. Handles, Files and the CryptoKey are
// structured-cloneable, so the worker writes straight to the chosen file or folder.

/** Where bundles go: a file the labeler chose, a folder, or the staging area for downloads. */
export type ExportTarget =
  | { kind: 'file'; handle: FileSystemFileHandle; suggestedName: string }
  | { kind: 'directory'; handle: FileSystemDirectoryHandle }
  | { kind: 'download' };

export interface ExportJob extends ExportRequest {
  /** Split the items into bundles of this many (bulk export). */
  batchSize?: number;
}

export type ToWorker =
  | {
      type: 'start';
      jobs: ExportJob[];
      signer: ExportSigner;
      target: ExportTarget;
      createdAt: string;
    }
  | { type: 'cancel' };

export interface BundleOutcome {
  project: string;
  /** Set when this bundle was written. */
  result?: ExportResult;
  /** For downloads: the finished archive, read from the staging area. */
  file?: File;
  /** For downloads: its detached signature, `<bundle>.zip.minisig`, from the staging area. */
  signatureFile?: File;
  /** Set when this bundle failed; the others still ran. */
  error?: string;
}

export type FromWorker =
  | { type: 'planned'; bundles: number; totalItems: number; totalMediaBytes: number }
  | {
      type: 'progress';
      bundle: number;
      items: number;
      bytes: number;
      mediaBytes: number;
    }
  | { type: 'bundle'; index: number; outcome: BundleOutcome }
  | { type: 'finished' }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
