import Dexie from 'dexie';
import type { AirlockDB, MediaRecord, PreviewRecord } from './db.ts';
import type { NewItem } from './repository.ts';
import { guardWrite } from './errors.ts';
import { addItemRecords } from './item-records.ts';
import { checkInSlices, readProject } from './stored-records.ts';
import { Project } from '../model/project.ts';
import { Item } from '../model/item.ts';
import { Annotation } from '../model/annotation.ts';
import type { Label } from '../model/label.ts';
import { now } from '../model/ids.ts';

const { minKey, maxKey } = Dexie;

/** Annotations written per request inside the one transaction, so the page can paint in between. */
const WRITE_SLICE = 5000;

/** Everything one import of annotations adds (see writeAnnotationImport). */
export interface AnnotationImportWrite {
  /** Labels to append to the project. */
  addLabels: Label[];
  /** Existing labels that now apply to more kinds: replace the stored ones by id. */
  changeLabels: Label[];
  /** New items (texts from the files, images from the selection), in import order. */
  items: NewItem[];
  media: MediaRecord[];
  /** Previews of the new big images (see PreviewRecord). */
  previews?: PreviewRecord[];
  annotations: Annotation[];
}

/**
 * Writes all of one annotation import in one transaction: new and widened labels, new items
 * with their image bytes, and the annotations. All or nothing: if anything is invalid or the
 * disk is full, nothing of the import is stored. Every annotation must be on an item of this
 * project (stored or in `items`) and carry one of its labels.
 */
export async function writeAnnotationImport(
  db: AirlockDB,
  projectId: string,
  write: AnnotationImportWrite,
): Promise<void> {
  const { projects, items, contents, media, previews, annotations } = db;
  const at = now();
  const newItems = await checkInSlices(write.items, (draft) =>
    Item.parse({ ...draft, projectId, seq: 0, createdAt: at, updatedAt: at }),
  );
  const added = await checkInSlices(write.annotations, (a) => {
    if (a.projectId !== projectId)
      throw new Error('An imported annotation belongs to another project.');
    return Annotation.parse(a);
  });
  await guardWrite(() =>
    db.transaction('rw', [projects, items, contents, media, previews, annotations], async () => {
      const project = await readProject(db, projectId);
      if (!project) throw new Error('This project no longer exists.');
      const changed = new Map(write.changeLabels.map((l) => [l.id, l]));
      const labels = [...project.labels.map((l) => changed.get(l.id) ?? l), ...write.addLabels];
      const next = Project.parse({ ...project, labels, updatedAt: at });
      const labelIds = new Set(next.labels.map((l) => l.id));
      const itemIds = new Set(newItems.map((i) => i.id));
      const stored = [...new Set(added.map((a) => a.itemId))].filter((id) => !itemIds.has(id));
      const found = await items.bulkGet(stored);
      found.forEach((item, k) => {
        if (!item || item.projectId !== projectId) {
          throw new Error(
            `An imported annotation is on item ${stored[k]}, which is not in this project.`,
          );
        }
      });
      const unknown = added.find((a) => !labelIds.has(a.label));
      if (unknown)
        throw new Error(
          `An imported annotation has label ${unknown.label}, which the project lacks.`,
        );

      if (write.addLabels.length > 0 || write.changeLabels.length > 0) await projects.put(next);
      if (newItems.length > 0) {
        const last = await items
          .where('[projectId+seq]')
          .between([projectId, minKey], [projectId, maxKey])
          .last();
        let seq = last ? last.seq + 1 : 0;
        for (const item of newItems) item.seq = seq++;
        const have = new Set(
          await media
            .where('sha256')
            .anyOf(write.media.map((m) => m.sha256))
            .primaryKeys(),
        );
        await media.bulkAdd(write.media.filter((m) => !have.has(m.sha256)));
        await previews.bulkPut(write.previews ?? []);
        await addItemRecords(db, newItems);
      }
      // In slices: between two the browser gets to paint, so a big import does not freeze the page.
      for (let i = 0; i < added.length; i += WRITE_SLICE) {
        await annotations.bulkAdd(added.slice(i, i + WRITE_SLICE));
      }
    }),
  );
}
