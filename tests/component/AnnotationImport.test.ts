import { describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AnnotationImport from '../../src/ui/AnnotationImport.svelte';
import { Workspace } from '../../src/state/workspace.svelte.ts';
import type { Label } from '../../src/model/label.ts';
import { freshRepository } from '../factories/files.ts';
import { StorageFullError } from '../../src/storage/errors.ts';

const person: Label = { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] };

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Texts', [person]);
  const workspace = new Workspace(repository);
  await workspace.load();
  let imported = 0;
  const user = userEvent.setup();
  render(AnnotationImport, {
    props: { workspace, project, onimported: () => Promise.resolve(void imported++) },
  });
  return { repository, project, user, imported: () => imported };
}

const file = (name: string, text: string) =>
  new File([text], name, { type: 'application/octet-stream' });

describe('AnnotationImport', () => {
  it('asks once about unknown categories, then imports and sums up', async () => {
    const { repository, project, user, imported } = await setup();
    const lines = [
      {
        id: 'a',
        text: 'Ada met Grace',
        spans: [
          { start: 0, end: 3, label: 'person', text: 'Ada' },
          { start: 8, end: 13, label: 'Scientist' },
        ],
        classes: ['Urgent'],
      },
    ].map((l) => JSON.stringify(l));
    await user.upload(
      screen.getByLabelText('Choose annotation files…'),
      file('spans.jsonl', lines.join('\n')),
    );

    const dialog = await screen.findByRole('dialog', { name: 'Map categories to labels' });
    // "person" matches the label Person by name: not asked. The other two are.
    expect(
      within(dialog)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual([
      expect.stringContaining('Scientist') as unknown,
      expect.stringContaining('Urgent') as unknown,
    ]);
    await user.selectOptions(within(dialog).getByLabelText('Label for Scientist'), 'Person');
    await user.click(within(dialog).getByRole('button', { name: 'Import annotations' }));

    const summary = await screen.findByRole('region', { name: 'Annotation import summary' });
    expect(summary).toHaveTextContent('3 annotations added to 1 item; 1 new item.');
    expect(summary).toHaveTextContent('New labels: Urgent');
    expect(imported()).toBe(1);
    expect((await repository.getProject(project.id))!.labels.map((l) => l.name)).toEqual([
      'Person',
      'Urgent',
    ]);
    expect(await repository.countLabelUse(project.id, 'person')).toBe(2);
  });

  it('lists every problem with its place and imports nothing', async () => {
    const { repository, project, user, imported } = await setup();
    const bad =
      '{"text": "Ada", "spans": [{"start": 0, "end": 9, "label": "Person"}]}\n{"text": oops}\n';
    await user.upload(screen.getByLabelText('Choose annotation files…'), file('bad.jsonl', bad));
    const problems = await screen.findByRole('region', { name: 'Annotation import problems' });
    expect(problems).toHaveTextContent('Nothing was imported');
    const items = within(problems)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items[0]).toBe(
      'bad.jsonl, line 1, spans[0]: [0, 9) is not a non-empty range inside the text (3 code points)',
    );
    expect(items[1]).toMatch(/^bad\.jsonl, line 2: is not valid JSON/);
    expect(imported()).toBe(0);
    expect(await repository.itemIds(project.id)).toEqual([]);
  });

  it('says nothing was imported, and why, when the disk is full', async () => {
    const { repository, project, user, imported } = await setup();
    vi.spyOn(repository, 'importAnnotations').mockRejectedValue(new StorageFullError());
    const line = JSON.stringify({
      text: 'Ada met Grace',
      spans: [{ start: 0, end: 3, label: 'person' }],
    });
    await user.upload(screen.getByLabelText('Choose annotation files…'), file('spans.jsonl', line));
    const problems = await screen.findByRole('region', { name: 'Annotation import problems' });
    expect(problems).toHaveTextContent('Nothing was imported');
    expect(within(problems).getByRole('listitem')).toHaveTextContent(
      /^spans\.jsonl: The browser has no room left to store Airlock data/,
    );
    expect(imported()).toBe(0);
    expect(await repository.itemIds(project.id)).toEqual([]);
  });

  it('cancels at the question without writing anything', async () => {
    const { repository, project, user } = await setup();
    await user.upload(
      screen.getByLabelText('Choose annotation files…'),
      file('s.jsonl', '{"text": "x", "spans": [], "classes": ["New"]}'),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Map categories to labels' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await repository.itemIds(project.id)).toEqual([]);
  });
});
