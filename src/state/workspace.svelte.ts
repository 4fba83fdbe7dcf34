import { z } from 'zod';
import type {
  Repository,
  ProjectSummary,
  LabelDeletion,
  Progress,
  StatusWritten,
} from '../storage/repository.ts';
import { StorageFullError } from '../storage/errors.ts';
import { requestPersistence, type StorageStatus } from '../storage/persistence.ts';
import type { Project } from '../model/project.ts';
import type { Label, Skeleton } from '../model/label.ts';
import { SkeletonError } from '../model/skeleton-edit.ts';
import type { ClassGroup } from '../model/class-group.ts';

const LAST_PROJECT = 'lastProject';

/** The labeler's workspace: the projects, which one is open, and storage health. */
export class Workspace {
  /** The projects as stored, oldest first. */
  private rows = $state.raw<Project[]>([]);
  /** Each project's items and those done, once counted; status changes adjust them. */
  private counts = $state.raw<ReadonlyMap<string, Progress>>(new Map());
  projects: ProjectSummary[] = $derived(
    this.rows.map((project) => {
      const counted = this.counts.get(project.id);
      return counted ? { project, total: counted.total, done: counted.done } : { project };
    }),
  );
  currentId = $state<string | undefined>();
  /** Bumped when items arrive from outside the open list (a task package): lists re-read. */
  itemsChanged = $state(0);
  storage = $state<StorageStatus | undefined>();
  /** A blocking problem (a full disk) the labeler must read before going on. */
  blocker = $state<string | undefined>();
  /** Another tab opened the workspace with a newer Airlock: this one stopped saving. */
  outdated = $state(false);
  /** The last non-blocking error, shown until dismissed. */
  error = $state<string | undefined>();
  loaded = $state(false);

  current: Project | undefined = $derived(this.rows.find((p) => p.id === this.currentId));

  private reads = 0;
  /** Bumped by load: a count begun before (a restore) is of data no longer there. */
  private generation = 0;
  /** Whether the projects' items were counted since load (or a count is under way). */
  private counted = false;
  private counting = 0;
  /** Status changes written while a count ran: added to it if they began after it read. */
  private duringCounts: StatusWritten[] = [];

  constructor(readonly repository: Repository) {}

  /**
   * Reads the projects without counting their items: counting a project of 100,000 items takes
   * IndexedDB about 2 s, and the open project's list waited behind it (it opened in 4.2–4.8 s,
   * without the counts in 2.7 s). The list counts them once it has shown (countOnce).
   */
  async load(): Promise<void> {
    this.counted = false;
    this.generation++;
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
  statusChanged(written: StatusWritten): void {
    const change = doneChange(written);
    if (change === 0) return;
    if (this.counting > 0) this.duringCounts.push(written);
    const known = this.counts.get(written.projectId);
    // A project not counted yet (made in another tab, or its count failed) is counted now.
    if (!known) {
      if (this.counted) void this.recount(written.projectId);
      return;
    }
    if (written.at < known.at) return; // the count includes it
    this.counts = new Map(this.counts).set(written.projectId, {
      ...known,
      done: known.done + change,
    });
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
   * a newer edit. Returns the projects read.
   */
  async refresh(): Promise<Project[]> {
    const read = ++this.reads;
    const projects = (await this.repository.listProjects(false)).map((p) => p.project);
    if (read === this.reads) this.rows = projects;
    return projects;
  }

  /**
   * Re-reads the projects and counts the items of each (or of one): after items were added.
   * Status changes that began after a count read are added to it, and those before are in it,
   * so the figures shown are exact however writes and counts overlap.
   */
  async recount(only?: string): Promise<void> {
    const generation = this.generation;
    this.counted = true;
    this.counting++;
    try {
      const ids = (await this.refresh()).map((p) => p.id).filter((id) => !only || id === only);
      const figures = await Promise.all(ids.map((id) => this.repository.progress(id)));
      if (generation !== this.generation) return;
      const counts = new Map(this.counts);
      ids.forEach((id, i) => {
        const fresh = figures[i]!;
        if ((counts.get(id)?.at ?? -1) > fresh.at) return; // a later count landed first
        const after = this.duringCounts.filter((w) => w.projectId === id && w.at > fresh.at);
        counts.set(id, { ...fresh, done: after.reduce((n, w) => n + doneChange(w), fresh.done) });
      });
      this.counts = counts;
    } catch (error) {
      if (generation !== this.generation) return;
      this.counted = false; // counted again when the list next shows
      this.error = `The items could not be counted: ${error instanceof Error ? error.message : String(error)}`;
    } finally {
      if (--this.counting === 0) this.duringCounts = [];
    }
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
      this.counts = new Map(this.counts).set(project.id, { total: 0, done: 0, at: 0 });
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

/** How a status change moves the done count: +1, -1 or 0. */
function doneChange({ before, after }: Pick<StatusWritten, 'before' | 'after'>): number {
  return Number(after === 'done') - Number(before === 'done');
}
