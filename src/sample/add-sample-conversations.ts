import type { Repository } from '../storage/repository.ts';
import type { Label } from '../model/label.ts';
import { importFiles } from '../import/importer.ts';
import { sampleConversationsFile, sampleQuestionLabels } from './sample-conversations.ts';

/** The labels with the sample's questions added (a name already taken is not added twice). */
export function withSampleQuestions(stored: Label[]): Label[] {
  const names = new Set(stored.map((l) => l.name.trim().toLowerCase()));
  return [...stored, ...sampleQuestionLabels().filter((l) => !names.has(l.name.toLowerCase()))];
}

/** Imports the sample conversations into a project; returns how many were added. */
export async function addSampleConversations(
  repository: Repository,
  projectId: string,
): Promise<number> {
  const summary = await importFiles({
    repository,
    projectId,
    files: [sampleConversationsFile()],
    choices: {
      jsonlField: 'text',
      csvColumn: 'text',
      jsonlAs: 'conversation',
      responsesField: 'responses',
    },
    decodeImage: () => Promise.reject(new Error('no images in the sample conversations')),
  });
  if (summary.stopped) throw new Error(summary.stopped);
  return summary.added;
}
