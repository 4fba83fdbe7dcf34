import type { PatternRule } from '../model/patterns.ts';
import type { PreLabelProgress } from './pre-label-job.ts';

// Messages between the page and the pre-label worker.

export interface PreLabelRequest {
  /** The IndexedDB database the page works in. */
  database: string;
  projectId: string;
  rules: PatternRule[];
  skipItem?: string | undefined;
}

export type ToPreLabelWorker = ({ type: 'start' } & PreLabelRequest) | { type: 'cancel' };

export type FromPreLabelWorker =
  | ({ type: 'progress' } & PreLabelProgress)
  | { type: 'finished'; found: number; cancelled: boolean }
  | { type: 'failed'; message: string };
