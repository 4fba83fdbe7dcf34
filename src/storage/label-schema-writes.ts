import type { AirlockDB } from './db.ts';
import { guardWrite } from './errors.ts';
import { readProject } from './stored-records.ts';
import { Project } from '../model/project.ts';
import type { Label, Skeleton } from '../model/label.ts';
import { SkeletonError } from '../model/skeleton-edit.ts';
import { canReplace } from '../model/label-schema.ts';
import { now } from '../model/ids.ts';

// Label schema edits that reach into the annotations using the label: each is checked and
// written in one transaction with them, so no annotation made meanwhile slips between the two.

/** What to do with a deleted label's annotations. */
export type LabelDeletion = { mode: 'delete' } | { mode: 'relabel'; to: string };

/**
 * Edits a keypoints label's skeleton and returns the one it replaced. An edit that changes
 * which point of a pose is which node (`renumbers`) is refused while poses use the label: they
 * hold one point per node in the old order.
 */
export async function saveSkeleton(
  db: AirlockDB,
  projectId: string,
  labelId: string,
  edit: (skeleton: Skeleton | undefined) => Skeleton | undefined,
  renumbers: boolean,
): Promise<Skeleton | undefined> {
  const { projects, annotations } = db;
  return guardWrite(() =>
    db.transaction('rw', [projects, annotations], async () => {
      const project = await readProject(db, projectId);
      const label = project?.labels.find((l) => l.id === labelId);
      if (!project || !label) throw new SkeletonError('this label no longer exists');
      const next = edit(label.skeleton);
      // Without a skeleton a pose is one point: naming that point's node keeps it one.
      const namesTheOnePoint = !label.skeleton && next?.nodes.length === 1;
      if (renumbers && !namesTheOnePoint) {
        const poses = await annotations
          .where('[projectId+label]')
          .equals([projectId, labelId])
          .filter((a) => (a as { type: string }).type === 'keypoints')
          .count();
        if (poses > 0)
          throw new SkeletonError(
            `${poses === 1 ? '1 pose uses' : `${poses.toLocaleString('en')} poses use`} ` +
              `"${label.name}" with ${label.skeleton?.nodes.length ?? 1} nodes in this order: ` +
              'adding, moving or removing a node would mismatch their points. Rename nodes and ' +
              'edit edges freely, or make a new label for the new skeleton.',
          );
      }
      const changed: Label = { ...label };
      if (next) changed.skeleton = next;
      else delete changed.skeleton;
      await projects.put(
        Project.parse({
          ...project,
          labels: project.labels.map((l) => (l.id === labelId ? changed : l)),
          updatedAt: now(),
        }),
      );
      return label.skeleton;
    }),
  );
}

/** Removes a label from the schema and deletes or relabels its annotations, in one step. */
export async function deleteLabel(
  db: AirlockDB,
  projectId: string,
  labelId: string,
  what: LabelDeletion,
): Promise<Project> {
  const { projects, annotations } = db;
  return guardWrite(() =>
    db.transaction('rw', [projects, annotations], async () => {
      const project = await readProject(db, projectId);
      if (!project) throw new Error('This project no longer exists.');
      const used = annotations.where('[projectId+label]').equals([projectId, labelId]);
      if (what.mode === 'relabel') {
        const label = project.labels.find((l) => l.id === labelId);
        const replacement = project.labels.find((l) => l.id === what.to);
        if (!label || !replacement || !canReplace(label, replacement)) {
          throw new Error(
            'The replacement label must apply to every kind the deleted label applies to.',
          );
        }
        await used.modify({ label: what.to, updatedAt: now() });
      } else {
        const gone = new Set(await used.primaryKeys());
        await annotations.bulkDelete([...gone]);
        // A relation cannot outlive either of its ends.
        await annotations
          .where('projectId')
          .equals(projectId)
          .filter((a) => a.type === 'relation' && (gone.has(a.from) || gone.has(a.to)))
          .delete();
      }
      const next = {
        ...project,
        labels: project.labels.filter((l) => l.id !== labelId),
        updatedAt: now(),
      };
      await projects.put(next);
      return next;
    }),
  );
}
