import { z } from 'zod';
import { Label } from './label.ts';

export const Project = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, 'a project needs a name').max(200),
  labels: z.array(Label),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Project = z.infer<typeof Project>;
