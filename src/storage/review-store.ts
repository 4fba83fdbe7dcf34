import Dexie from 'dexie';
import { z } from 'zod';
import type { AirlockDB, MediaRecord, SubmissionRecord } from './db.ts';
import type { NewItem } from './repository.ts';
import { changeTextSettings } from './text-settings.ts';
import { Item } from '../model/item.ts';
import { Project } from '../model/project.ts';
import { now } from '../model/ids.ts';
import { guardWrite } from './errors.ts';
import { addItemRecords } from './item-records.ts';
import { readStored as read } from './stored-records.ts';
import { Annotation } from '../model/annotation.ts';
import {
  Assignment,
  ReceivedBundle,
  TrustedLabeler,
  bundleKey,
  bundlesInUse,
  type SubmittedItem,
} from '../model/review.ts';

// Storage of the review loop: what each labeler sent (every bundle, each keyed by signer and
// bundle id, so an older bundle can be kept aside and a removed one falls back to the one
// before), what was sent to whom, and the leads a labeler trusts.

const { minKey, maxKey } = Dexie;
const RECEIVED = 'receivedBundles:';
const ASSIGNMENTS = 'assignments:';
const LEADS = 'trustedLeads';
const TRUSTED = 'trustedLabelers';

/** The settings that hold a project's review loop, deleted with the project. */
export function reviewSettingKeys(projectId: string): string[] {
  return [`${RECEIVED}${projectId}`, `${ASSIGNMENTS}${projectId}`];
}

export class ReviewStore {
  constructor(private readonly db: AirlockDB) {}

  private async setting<S extends z.ZodType>(
    key: string,
    schema: S,
  ): Promise<z.infer<S> | undefined> {
    const row = await this.db.settings.get(key);
    return row && read(schema, row.value, `setting ${key}`);
  }

  async receivedBundles(projectId: string): Promise<ReceivedBundle[]> {
    return (await this.setting(`${RECEIVED}${projectId}`, z.array(ReceivedBundle))) ?? [];
  }

  /**
   * Stores a verified bundle and its annotations in one transaction. The same bundle received
   * again replaces itself; other bundles stay, and which one counts on each item is decided
   * by signing time when reading (bundlesInUse).
   */
  async receive(received: ReceivedBundle, records: readonly SubmittedItem[]): Promise<void> {
    const { projects, submissions, settings } = this.db;
    const rows: SubmissionRecord[] = records.flatMap(({ itemId, annotations }) =>
      annotations.map((a) => ({
        id: `${bundleKey(received)}:${a.id}`,
        projectId: received.projectId,
        itemId,
        signer: received.signer,
        bundleId: received.bundleId,
        annotation: Annotation.parse({ ...a, projectId: received.projectId, itemId }),
      })),
    );
    await guardWrite(() =>
      this.db.transaction('rw', [projects, submissions, settings], async () => {
        if (!(await projects.get(received.projectId)))
          throw new Error('This project no longer exists.');
        await this.deleteRows(received.projectId, received.signer, received.bundleId);
        await submissions.bulkPut(rows);
        const list = await this.receivedBundles(received.projectId);
        const others = list.filter((b) => bundleKey(b) !== bundleKey(received));
        await settings.put({
          key: `${RECEIVED}${received.projectId}`,
          value: [...others, received],
        });
      }),
    );
  }

  private async deleteRows(projectId: string, signer: string, bundleId?: string): Promise<void> {
    const keys = await this.db.submissions
      .where('[projectId+signer]')
      .equals([projectId, signer])
      .filter((row) => bundleId === undefined || row.bundleId === bundleId)
      .primaryKeys();
    await this.db.submissions.bulkDelete(keys);
  }

  /** Removes one received bundle and its annotations; an older one of the signer takes over. */
  async removeBundle(projectId: string, signer: string, bundleId: string): Promise<void> {
    const { submissions, settings } = this.db;
    await guardWrite(() =>
      this.db.transaction('rw', [submissions, settings], async () => {
        await this.deleteRows(projectId, signer, bundleId);
        const list = await this.receivedBundles(projectId);
        await settings.put({
          key: `${RECEIVED}${projectId}`,
          value: list.filter((b) => bundleKey(b) !== `${signer}:${bundleId}`),
        });
      }),
    );
  }

  /**
   * Stops trusting a labeler, in every project: their bundles go too when `dropBundles`,
   * otherwise they stay, counted under the name they had.
   */
  async distrust(labelers: readonly TrustedLabeler[], keyId: string, dropBundles: boolean) {
    const { submissions, settings } = this.db;
    await guardWrite(() =>
      this.db.transaction('rw', [submissions, settings], async () => {
        await settings.put({
          key: 'trustedLabelers',
          value: labelers.filter((l) => l.keyId !== keyId),
        });
        if (!dropBundles) return;
        await submissions.filter((row) => row.signer === keyId).delete();
        const lists = await settings.where('key').startsWith(RECEIVED).toArray();
        for (const { key, value } of lists) {
          const list = z.array(ReceivedBundle).safeParse(value);
          if (list.success)
            await settings.put({ key, value: list.data.filter((b) => b.signer !== keyId) });
        }
      }),
    );
  }

  /** The labelers' annotations that count: each from the latest bundle holding its item. */
  async submissionsInUse(projectId: string): Promise<SubmissionRecord[]> {
    const [received, rows] = await Promise.all([
      this.receivedBundles(projectId),
      this.db.submissions
        .where('[projectId+itemId]')
        .between([projectId, minKey], [projectId, maxKey])
        .toArray(),
    ]);
    const use = bundlesInUse(received);
    return rows
      .filter((row) => use.get(row.signer)?.get(row.itemId) === `${row.signer}:${row.bundleId}`)
      .map((row) => ({
        ...row,
        annotation: read(Annotation, row.annotation, `submission ${row.id}`),
      }));
  }

  // What was sent to whom (both sides keep it)

  async assignments(projectId: string): Promise<Assignment[]> {
    return (await this.setting(`${ASSIGNMENTS}${projectId}`, z.array(Assignment))) ?? [];
  }

  async recordAssignments(projectId: string, added: readonly Assignment[]): Promise<void> {
    const key = `${ASSIGNMENTS}${projectId}`;
    await guardWrite(() =>
      this.db.transaction('rw', this.db.settings, async () => {
        const list = await this.assignments(projectId);
        await this.db.settings.put({ key, value: [...list, ...added] });
      }),
    );
  }

  // Leads whose task packages a labeler opens (trust on first use)

  async trustedLeads(): Promise<TrustedLabeler[]> {
    return (await this.setting(LEADS, z.array(TrustedLabeler))) ?? [];
  }

  async saveTrustedLeads(leads: readonly TrustedLabeler[]): Promise<void> {
    await guardWrite(() => this.db.settings.put({ key: LEADS, value: leads }));
  }

  // Labelers whose bundles a lead takes in

  async trustedLabelers(): Promise<TrustedLabeler[]> {
    return (await this.setting(TRUSTED, z.array(TrustedLabeler))) ?? [];
  }

  async saveTrustedLabelers(labelers: readonly TrustedLabeler[]): Promise<void> {
    await guardWrite(() => this.db.settings.put({ key: TRUSTED, value: labelers }));
  }

  // The lead's verdict on an item, and a labeler opening a lead's package

  async setReview(itemId: string, review: Item['review']): Promise<void> {
    await guardWrite(() =>
      this.db.items.update(itemId, { review, updatedAt: now() }).then(() => undefined),
    );
  }

  /**
   * Opens a task package from a lead: the project with the lead's ids (created the first time,
   * its schema kept afterwards) and the items it does not have yet, in one transaction.
   * Guidelines the package carries replace the project's (the lead keeps them up to date).
   * Returns how many items were added.
   */
  async openTaskPackage(
    project: Project,
    drafts: readonly NewItem[],
    newMedia: readonly MediaRecord[],
    guidelines = '',
  ): Promise<number> {
    const { projects, items, contents, media, settings } = this.db;
    const at = now();
    return guardWrite(() =>
      this.db.transaction('rw', [projects, items, contents, media, settings], async () => {
        if (!(await projects.get(project.id))) await projects.add(Project.parse(project));
        if (guidelines.trim()) await changeTextSettings(this.db, project.id, { guidelines });
        const have = new Set(
          await items
            .where('id')
            .anyOf(drafts.map((d) => d.id))
            .primaryKeys(),
        );
        const last = await items
          .where('[projectId+seq]')
          .between([project.id, minKey], [project.id, maxKey])
          .last();
        let seq = last ? last.seq + 1 : 0;
        const added = drafts
          .filter((d) => !have.has(d.id))
          .map((d) =>
            Item.parse({ ...d, projectId: project.id, seq: seq++, createdAt: at, updatedAt: at }),
          );
        const stored = new Set(
          await media
            .where('sha256')
            .anyOf(newMedia.map((m) => m.sha256))
            .primaryKeys(),
        );
        await media.bulkAdd(newMedia.filter((m) => !stored.has(m.sha256)));
        await addItemRecords(this.db, added);
        return added.length;
      }),
    );
  }
}
