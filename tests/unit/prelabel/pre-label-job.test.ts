import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { preLabelProject, type PreLabelProgress } from '../../../src/prelabel/pre-label-job.ts';
import { launchPreLabelHere } from '../../../src/prelabel/pre-label-client.ts';
import { PreLabelRun } from '../../../src/state/pre-label.svelte.ts';
import { countSuggestions, suggestionsOf } from '../../../src/storage/suggestions.ts';
import { termRules } from '../../../src/model/patterns.ts';
import type { Label } from '../../../src/model/label.ts';

const labels: Label[] = [{ id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] }];

async function project(texts: number) {
  const repository = freshRepository();
  const p = await repository.createProject('Texts', labels);
  await repository.addItems(
    p.id,
    Array.from({ length: texts }, (_, i) => ({
      id: `t${i}`,
      kind: 'text' as const,
      name: `t${i}.txt`,
      text: `Letter ${i}: Ada wrote to 👩🏽‍💻 Grace.`,
      sha256: i.toString(16).padStart(64, '0'),
      status: 'todo' as const,
      note: '',
    })),
  );
  return { repository, projectId: p.id };
}

const rules = termRules('person', 'ada\ngrace', true);

describe('pre-labeling a project', () => {
  it('suggests in every text but the open one, reporting progress by chunk', async () => {
    const { repository, projectId } = await project(250);
    const seen: PreLabelProgress[] = [];
    const found = await preLabelProject(repository, projectId, rules, {
      skipItem: 't0',
      onProgress: (p) => seen.push(p),
    });
    expect(found).toBe(2 * 249);
    expect(seen.map((p) => p.done)).toEqual([0, 100, 200, 249]);
    expect(seen.at(-1)).toEqual({ done: 249, total: 249, found: 498 });
    expect(await suggestionsOf(repository.db, projectId, 't0')).toEqual([]);
    const grace = (await suggestionsOf(repository.db, projectId, 't12'))[1]!;
    expect(grace.text).toBe('Grace');
    // Offsets in code points: the emoji sequence counts as its 4 (7 UTF-16 units).
    expect([grace.start, grace.end]).toEqual([29, 34]);
    // Running again finds nothing new.
    expect(await preLabelProject(repository, projectId, rules, { skipItem: 't0' })).toBe(0);
  });

  it('stops at a cancel after the chunk under way, keeping what it found', async () => {
    const { repository, projectId } = await project(250);
    const here = launchPreLabelHere(repository);
    // The labeler presses Cancel once the first chunk is stored.
    const run: PreLabelRun = new PreLabelRun(repository, projectId, (request, onMessage) =>
      here(request, (message) => {
        onMessage(message);
        if (message.type === 'progress' && message.done > 0) run.cancel();
      }),
    );
    const running = run.run(rules);
    expect(run.running).toBe(true);
    const found = await running;
    expect(run.cancelled).toBe(true);
    expect(run.running).toBe(false);
    expect(run.done).toBe(100);
    expect(found).toBe(200);
    expect(await countSuggestions(repository.db, projectId)).toEqual({
      suggestions: found,
      items: found / 2,
    });
  });
});
