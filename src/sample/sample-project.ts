import { z } from 'zod';
import type { Repository } from '../storage/repository.ts';
import { importFiles, type ImageDecoder } from '../import/importer.ts';
import { SAMPLE_TEXTS } from './sample-texts.ts';
import { sampleSchema } from './sample-labels.ts';
import { drawSampleImages } from './sample-images.ts';
import { sampleQuestionLabels } from './sample-conversations.ts';
import { addSampleConversations } from './add-sample-conversations.ts';

const SEEDED = 'sampleSeeded';
/** The sample project being filled: a start cut short by a reload finishes filling it. */
const SEEDING = 'sampleSeeding';
/** The same for the second sample project, the conversations to judge. */
const SEEDING_CONVERSATIONS = 'sampleConversationsSeeding';

/**
 * On the very first start, creates a sample project a newcomer can label at once (texts and
 * images) and "Sample conversations" to judge model responses in. Deleting them is respected:
 * they are never created again in this browser profile.
 */
export async function seedSampleProject(
  repository: Repository,
  decodeImage: ImageDecoder,
): Promise<void> {
  if (await repository.getSetting(SEEDED, z.boolean())) return;
  const started = await repository.getSetting(SEEDING, z.string());
  let project = started ? await repository.getProject(started) : undefined;
  if (!project) {
    if ((await repository.listProjects()).length > 0) return;
    const { labels, classGroups } = sampleSchema();
    project = await repository.createProject('Sample project', labels, classGroups);
    await repository.setSetting(SEEDING, project.id);
  }
  const texts = SAMPLE_TEXTS.map((t) => new File([t.text], t.name, { type: 'text/plain' }));
  const images = await drawSampleImages();
  // Items already imported by a start cut short are skipped as duplicates.
  const summary = await importFiles({
    repository,
    projectId: project.id,
    files: [...texts, ...images],
    choices: { jsonlField: 'text', csvColumn: 'text' },
    decodeImage,
  });
  if (summary.stopped) throw new Error(summary.stopped); // not seeded: tried again next start
  await seedSampleConversations(repository);
  await repository.setSetting(SEEDED, true);
}

async function seedSampleConversations(repository: Repository): Promise<void> {
  const started = await repository.getSetting(SEEDING_CONVERSATIONS, z.string());
  let project = started ? await repository.getProject(started) : undefined;
  if (!project) {
    project = await repository.createProject('Sample conversations', sampleQuestionLabels());
    await repository.setSetting(SEEDING_CONVERSATIONS, project.id);
  }
  // Conversations already imported by a start cut short are skipped as duplicates.
  await addSampleConversations(repository, project.id);
}
