import type { Repository } from '../storage/repository.ts';
import type { SourceFile } from '../import/importer.ts';
import type { ImageDecoder } from '../import/image.ts';
import {
  commitAnnotationImport,
  prepareAnnotationImport,
  type ImportedSummary,
  type PreparedImport,
} from '../import/annotation-importer.ts';
import type { CategoryChoice } from '../formats/category-map.ts';
import type { ImportProblem } from '../formats/import-records.ts';
import { StorageFullError } from '../storage/errors.ts';

export type AnnotationImportStep = 'idle' | 'reading' | 'mapping' | 'writing';

/**
 * One import of annotation files: read, ask about unknown categories once (only when there are
 * any), write. Problems and the summary stay until dismissed or the next import.
 */
export class AnnotationImportRun {
  step = $state<AnnotationImportStep>('idle');
  prepared = $state.raw<PreparedImport | undefined>();
  choices = $state.raw<ReadonlyMap<string, CategoryChoice>>(new Map());
  problems = $state.raw<ImportProblem[]>([]);
  /** Why the category answers cannot be applied (a label rule); shown in the dialog. */
  mappingProblems = $state.raw<string[]>([]);
  summary = $state.raw<ImportedSummary | undefined>();
  /** The files being imported, as the labeler chose them. */
  private files: string[] = [];

  constructor(
    private readonly repository: Repository,
    private readonly projectId: string,
    private readonly decodeImage: ImageDecoder,
  ) {}

  get busy(): boolean {
    return this.step === 'reading' || this.step === 'writing';
  }

  /** Reads the files; writes at once when every category is known, else asks. */
  async read(files: readonly SourceFile[]): Promise<void> {
    this.dismiss();
    if (files.length === 0) return;
    this.files = files.map((f) => f.path || f.name);
    this.step = 'reading';
    try {
      const read = await prepareAnnotationImport(
        this.repository,
        this.projectId,
        files,
        this.decodeImage,
      );
      if (!read.ok) {
        this.problems = read.problems;
        return;
      }
      this.prepared = read.prepared;
      this.choices = read.prepared.proposals;
      if (read.prepared.unknown.length > 0) this.step = 'mapping';
      else await this.write();
    } finally {
      if (this.step === 'reading') this.step = 'idle';
    }
  }

  choose(key: string, choice: CategoryChoice): void {
    this.choices = new Map([...this.choices, [key, choice]]);
  }

  /** Applies the answers and writes everything, or nothing. */
  async write(): Promise<void> {
    const prepared = this.prepared;
    if (!prepared) return;
    this.step = 'writing';
    this.mappingProblems = [];
    try {
      const done = await commitAnnotationImport(this.repository, prepared, this.choices);
      if (done.ok) {
        this.summary = done.summary;
        this.prepared = undefined;
      } else if ('mapping' in done) {
        this.mappingProblems = done.mapping;
        this.step = 'mapping';
      } else {
        this.problems = done.problems;
        this.prepared = undefined;
      }
    } catch (error) {
      if (!(error instanceof StorageFullError)) throw error;
      // All or nothing: the import summary says nothing landed, and why.
      this.problems = [{ file: this.files.join(', '), reason: error.message }];
      this.prepared = undefined;
    } finally {
      if (this.step === 'writing') this.step = 'idle';
    }
  }

  cancel(): void {
    this.prepared = undefined;
    this.mappingProblems = [];
    this.step = 'idle';
  }

  dismiss(): void {
    this.problems = [];
    this.summary = undefined;
  }
}
