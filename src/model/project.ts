import { z } from 'zod';
import { Label } from './label.ts';
import { ClassGroup } from './class-group.ts';

export const Project = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a project needs a name').max(200),
  labels: z.array(Label),
  /** Groups of document and image classes; projects made before groups existed have none. */
  classGroups: z.array(ClassGroup).default([]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;
