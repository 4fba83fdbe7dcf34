import { z } from 'zod';
import type { Repository, ProjectSummary, LabelDeletion } from '../storage/repository.ts';
import { StorageFullError } from '../storage/errors.ts';
import { requestPersistence, type StorageStatus } from '../storage/persistence.ts';
import type { Project } from '../model/project.ts';
import type { Label, Skeleton } from '../model/label.ts';
import { SkeletonError } from '../model/skeleton-edit.ts';
import type { ClassGroup } from '../model/class-group.ts';

const LAST_PROJECT = 'lastProject';

/** The labeler's workspace: the projects, which one is open, and storage health. */
export class Workspace {
  projects = $state.raw<ProjectSummary[]>([]);
  currentId = $state<string | undefined>();
  /** Bumped when items arrive from outside the open list (a task package): lists re-read. */
  itemsChanged = $state(0);
  storage = $state<StorageStatus | undefined>();
  /** A blocking problem (a full disk) the labeler must read before going on. */
  blocker = $state<string | undefined>();
  /** The last non-blocking error, shown until dismissed. */
  error = $state<string | undefined>();
  loaded = $state(false);

  current: Project | undefined = $derived(
    this.projects.find((p) => p.project.id === this.currentId)?.project,
  );

  private reads = 0;
  /** Set by load until the projects' items are counted. */
  private uncounted = false;

  constructor(readonly repository: Repository) {}

  /**
   * Reads the projects without counting their items: counting a project of 100,000 items takes
   * IndexedDB about 2 s, and the open project's list waited behind it (it opened in 4.2–4.8 s,
   * without the counts in 2.7 s). The list counts them once it has shown (countOnce).
   */
  async load(): Promise<void> {
    await this.refresh(false);
    const last = await this.repository.getSetting(LAST_PROJECT, z.string());
    this.currentId = this.projects.some((p) => p.project.id === last)
      ? last
      : this.projects[0]?.project.id;
    this.loaded = true;
  }

  /** Counts the projects' items if no read has since load: called once the open list shows. */
  countOnce(): void {
    if (this.uncounted) void this.refresh();
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
   * Re-reads the projects. Reads started by quick successive edits can finish out of order,
   * so only the latest one is shown: an older read never hides a newer edit.
   */
  async refresh(counted = true): Promise<void> {
    const read = ++this.reads;
    this.uncounted = !counted;
    const projects = await this.repository.listProjects(counted);
    if (read === this.reads) this.projects = projects;
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
