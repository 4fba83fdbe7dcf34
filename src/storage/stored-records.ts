import type { z } from 'zod';
import type { AirlockDB } from './db.ts';
import { CorruptRecordError } from './errors.ts';
import { Project } from '../model/project.ts';

// Records are checked against the model both ways: on the way out of storage (a damaged
// record is reported, never used) and on the way in (a batch is checked before it is written).

/** A stored record, checked; damage is a CorruptRecordError naming what and where. */
export function readStored<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CorruptRecordError(
      `Stored ${what} is damaged: ${issue?.path.join('.')} ${issue?.message}`,
    );
  }
  return parsed.data;
}

export async function readProject(db: AirlockDB, id: string): Promise<Project | undefined> {
  const row = await db.projects.get(id);
  return row && readStored(Project, row, `project ${id}`);
}

/** Records checked between two chances for the page to paint and take input. */
const CHECK_SLICE = 2000;

/**
 * Checks a batch before a write (which cannot wait on timers), a slice at a time, so
 * 100,000 records never freeze the page.
 */
export async function checkInSlices<T, U>(
  drafts: readonly T[],
  check: (draft: T) => U,
): Promise<U[]> {
  const checked: U[] = [];
  for (let i = 0; i < drafts.length; i += CHECK_SLICE) {
    if (i > 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
    for (const draft of drafts.slice(i, i + CHECK_SLICE)) checked.push(check(draft));
  }
  return checked;
}
