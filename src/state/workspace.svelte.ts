import { z } from 'zod';
import type { Repository, ProjectSummary, LabelDeletion } from '../storage/repository.ts';
import type { StatusChange } from '../model/history.ts';
import { StorageFullError } from '../storage/errors.ts';
import { requestPersistence, type StorageStatus } from '../storage/persistence.ts';
import type { Project } from '../model/project.ts';
import type { Label, Skeleton } from '../model/label.ts';
import { SkeletonError } from '../model/skeleton-edit.ts';
import type { ClassGroup } from '../model/class-group.ts';

const LAST_PROJECT = 'lastProject';

type Progress = { total: number; done: number };

/** How long the labeler must leave statuses alone before a doubtful count is read again. */
export const RECOUNT_AFTER_MS = 10_000;

/** The labeler's workspace: the projects, which one is open, and storage health. */
export class Workspace {
  /** The projects as stored, oldest first. */
  private rows = $state.raw<Project[]>([]);
  /** Each project's items and those done, once counted; status changes adjust them. */
  private counts = $state.raw<ReadonlyMap<string, Progress>>(new Map());
  projects: ProjectSummary[] = $derived(
    this.rows.map((project) => ({ project, ...this.counts.get(project.id) })),
  );
  currentId = $state<string | undefined>();
  /** Bumped when items arrive from outside the open list (a task package): lists re-read. */
  itemsChanged = $state(0);
  storage = $state<StorageStatus | undefined>();
  /** A blocking problem (a full disk) the labeler must read before going on. */
  blocker = $state<string | undefined>();
  /** The last non-blocking error, shown until dismissed. */
  error = $state<string | undefined>();
  loaded = $state(false);

  current: Project | undefined = $derived(this.rows.find((p) => p.id === this.currentId));

  private reads = 0;
  private countReads = 0;
  /** Whether the projects' items were counted since load. */
  private counted = false;
  /** Status changes so far: a count they overlap may or may not include them. */
  private statusChanges = 0;
  private recountTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(readonly repository: Repository) {}

  /**
   * Reads the projects without counting their items: counting a project of 100,000 items takes
   * IndexedDB about 2 s, and the open project's list waited behind it (it opened in 4.2–4.8 s,
   * without the counts in 2.7 s). The list counts them once it has shown (countOnce).
   */
  async load(): Promise<void> {
    this.counted = false;
    this.countReads++; // a count begun before (a restore) is of data no longer there
    this.counts = new Map();
    await this.refresh();
    const last = await this.repository.getSetting(LAST_PROJECT, z.string());
    this.currentId = this.rows.some((p) => p.id === last) ? last : this.rows[0]?.id;
    this.loaded = true;
  }

  /** Counts the projects' items if they were not counted yet: called once the open list shows. */
  countOnce(): void {
    if (!this.counted) void this.recount();
  }

  /**
   * Counts a status change in its project's progress. Counting again instead took IndexedDB
   * 2 s a time on a project of 100,000 items, and "done and next" waited 4.3 s for the next
   * item behind it.
   */
  statusChanged(projectId: string, { before, after }: StatusChange): void {
    const change = Number(after === 'done') - Number(before === 'done');
    if (change === 0) return;
    this.statusChanges++;
    const known = this.counts.get(projectId);
    if (known)
      this.counts = new Map(this.counts).set(projectId, { ...known, done: known.done + change });
  }

  /** Runs a change; a full disk blocks, other failures are reported. Returns undefined on failure. */
  async attempt<T>(change: () => Promise<T>): Promise<T | undefined> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof StorageFullError) this.blocker = error.message;
      else this.error = error instanceof Error ? error.message : String(error);
      return undefined;
    }
  }

  /**
   * Re-reads the projects; their counts stay as they are. Reads started by quick successive
   * edits can finish out of order, so only the latest one is shown: an older read never hides
   * a newer edit.
   */
  async refresh(): Promise<void> {
    const read = ++this.reads;
    const projects = await this.repository.listProjects(false);
    if (read === this.reads) this.rows = projects.map((p) => p.project);
  }

  /**
   * Re-reads the projects and counts their items: after items were added. A count that a
   * status change overlapped may predate it, so it is read again once statuses rest.
   */
  async recount(): Promise<void> {
    clearTimeout(this.recountTimer);
    await this.refresh();
    const read = ++this.countReads;
    this.counted = true;
    const changes = this.statusChanges;
    const ids = this.rows.map((p) => p.id);
    const counted = await Promise.all(ids.map((id) => this.repository.progress(id)));
    if (read !== this.countReads) return;
    // Merged: a project created meanwhile keeps the count it was given.
    this.counts = new Map([...this.counts, ...ids.map((id, i) => [id, counted[i]!] as const)]);
    if (this.statusChanges !== changes) this.recountWhenQuiet(this.statusChanges);
  }

  private recountWhenQuiet(changes: number): void {
    this.recountTimer = setTimeout(() => {
      if (this.statusChanges === changes) void this.recount();
      else this.recountWhenQuiet(this.statusChanges);
    }, RECOUNT_AFTER_MS);
  }

  /** Asks for persistent storage (again) and updates the status and usage shown. */
  async checkStorage(): Promise<void> {
    this.storage = await requestPersistence();
  }

  async open(id: string): Promise<void> {
    this.currentId = id;
    await this.attempt(() => this.repository.setSetting(LAST_PROJECT, id));
  }

  async create(name: string, labels: Label[] = []): Promise<Project | undefined> {
    const project = await this.attempt(() => this.repository.createProject(name, labels));
    if (project) {
      await this.refresh();
      this.counts = new Map(this.counts).set(project.id, { total: 0, done: 0 });
      await this.open(project.id);
    }
    return project;
  }

  async rename(id: string, name: string): Promise<void> {
    if (await this.attempt(() => this.repository.renameProject(id, name))) await this.refresh();
  }

  async remove(id: string): Promise<void> {
    await this.attempt(() => this.repository.deleteProject(id));
    await this.refresh();
    if (this.currentId === id) this.currentId = this.projects[0]?.project.id;
  }

  async saveLabels(labels: Label[] | ((stored: Label[]) => Label[])): Promise<boolean> {
    const id = this.currentId;
    if (!id) return false;
    const saved = await this.attempt(() => this.repository.saveLabels(id, labels));
    if (saved) await this.refresh();
    return saved !== undefined;
  }

  /**
   * Edits a keypoints label's skeleton. Returns the skeleton it replaced (for undo), or why the
   * edit was refused; a storage failure shows as the workspace's error.
   */
  async saveSkeleton(
    labelId: string,
    edit: (skeleton: Skeleton | undefined) => Skeleton | undefined,
    renumbers: boolean,
  ): Promise<{ before: Skeleton | undefined } | { refused: string }> {
    const id = this.currentId;
    if (!id) return { refused: 'No project is open.' };
    let refused: string | undefined;
    const saved = await this.attempt(async () => {
      try {
        return { before: await this.repository.saveSkeleton(id, labelId, edit, renumbers) };
      } catch (error) {
        if (!(error instanceof SkeletonError)) throw error;
        refused = error.message;
        return undefined;
      }
    });
    if (saved) await this.refresh();
    return saved ?? { refused: refused ?? 'The skeleton was not saved.' };
  }

  async saveClassGroups(groups: ClassGroup[], labels: Label[]): Promise<boolean> {
    const id = this.currentId;
    if (!id) return false;
    const saved = await this.attempt(() => this.repository.saveClassGroups(id, groups, labels));
    if (saved) await this.refresh();
    return saved !== undefined;
  }

  async deleteLabel(labelId: string, what: LabelDeletion): Promise<void> {
    const id = this.currentId;
    if (!id) return;
    if (await this.attempt(() => this.repository.deleteLabel(id, labelId, what)))
      await this.refresh();
  }
}
