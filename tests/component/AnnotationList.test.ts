import { describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import AnnotationList from '../../src/ui/AnnotationList.svelte';
import GuidelinesDialog from '../../src/ui/GuidelinesDialog.svelte';
import { ItemEditor } from '../../src/state/item-editor.svelte.ts';
import { TextAnnotator } from '../../src/state/text-annotator.svelte.ts';
import type { Annotation } from '../../src/model/annotation.ts';
import type { Label } from '../../src/model/label.ts';
import type { TextItem } from '../../src/model/item.ts';
import { freshRepository } from '../factories/files.ts';

const TEXT = 'Ada met Grace in Zürich; Ada left Zürich.';
const LABELS: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] },
  {
    id: 'place',
    name: 'Place',
    color: '#4363d8',
    kinds: ['span'],
    description: 'A city or a country',
  },
  { id: 'knows', name: 'Knows', color: '#911eb4', kinds: ['relation'] },
];

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('News', LABELS);
  await repository.addItems(project.id, [
    {
      id: 'doc',
      kind: 'text',
      name: 'doc.txt',
      text: TEXT,
      sha256: 'c'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const base = {
    projectId: project.id,
    itemId: 'doc',
    annotator: 't',
    createdAt: 't',
    updatedAt: 't',
  };
  const span = (id: string, label: string, start: number, end: number): Annotation => ({
    ...base,
    id,
    label,
    type: 'span',
    start,
    end,
    text: TEXT.slice(start, end),
  });
  await repository.applyAnnotations([
    span('a1', 'person', 0, 3),
    span('g', 'person', 8, 13),
    span('z1', 'person', 17, 23),
    span('z2', 'place', 34, 40),
    { ...base, id: 'r', type: 'relation', label: 'knows', from: 'a1', to: 'g' },
  ]);
  const editor = new ItemEditor(
    repository,
    () => 't',
    (write) => write(),
  );
  await editor.open('doc');
  const annotator = new TextAnnotator(editor, editor.item as TextItem);
  render(AnnotationList, {
    props: {
      annotator,
      labels: LABELS,
      spanLabels: LABELS.filter((l) => l.kinds.includes('span')),
    },
  });
  return { repository, annotator };
}

describe('the annotation list', () => {
  it('lists spans in reading order and relations, filters by label, and goes to a span', async () => {
    const { annotator } = await setup();
    const list = screen.getByRole('list', { name: 'Spans and relations' });
    const rows = () =>
      within(list)
        .getAllByRole('listitem')
        .map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows()).toEqual([
      'Person Ada',
      'Person Grace',
      'Person Zürich',
      'Place Zürich',
      'Knows Ada → Grace',
    ]);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Show annotations of'), 'Place');
    expect(rows()).toEqual(['Place Zürich']);
    await user.click(within(list).getByRole('button', { name: /Zürich/ }));
    expect(annotator.selectedId).toBe('z2');
    expect(annotator.reveal).toEqual({ offset: 34 });
  });

  it('keeps the rows of other spans as they are when a span is added above them', async () => {
    const { annotator } = await setup();
    const list = screen.getByRole('list', { name: 'Spans and relations' });
    const row = (text: string) =>
      within(list)
        .getAllByRole('listitem')
        .find((r) => r.textContent?.replace(/\s+/g, ' ').trim() === text);
    const place = row('Place Zürich');
    expect(place).toBeDefined();
    annotator.selectRange(4, 7);
    await annotator.label('person');
    await waitFor(() => expect(row('Person met')).toBeDefined());
    // The same element still shows the same span: a label rewrote one row, not the rows below.
    expect(row('Place Zürich')).toBe(place);
  });

  it('relabels and deletes ticked spans in one step each', async () => {
    const { annotator, repository } = await setup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Tick Person: Zürich' }));
    await user.selectOptions(screen.getByLabelText('Relabel ticked spans as'), 'Place');
    await user.click(screen.getByRole('button', { name: 'Relabel' }));
    await waitFor(() => expect(annotator.spans.filter((s) => s.label === 'place')).toHaveLength(2));
    await user.click(screen.getByRole('checkbox', { name: 'Tick Person: Ada' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    // The relation from Ada goes with it.
    await waitFor(async () =>
      expect((await repository.annotationsOf('doc')).map((a) => a.id).sort()).toEqual([
        'g',
        'z1',
        'z2',
      ]),
    );
    await annotator.editor.undo();
    await waitFor(() => expect(annotator.relations).toHaveLength(1));
  });

  it('finds words in the text and selects each match in turn', async () => {
    const { annotator } = await setup();
    const user = userEvent.setup();
    await user.type(screen.getByRole('searchbox', { name: 'Find in the text' }), 'zürich{Enter}');
    expect(annotator.selection).toEqual({ start: 17, end: 23 });
    await user.keyboard('{Enter}');
    expect(annotator.selection).toEqual({ start: 34, end: 40 });
    expect(screen.getByText('2 of 2')).toBeInTheDocument();
  });
});

describe('the guidelines', () => {
  it('renders Markdown guidelines safely: headings and emphasis, raw HTML and links as text', () => {
    render(GuidelinesDialog, {
      props: {
        open: true,
        guidelines:
          '# Persons\n\nOnly **named** people.\n\n<img src=x onerror=alert(1)> [see](https://example.org/x)',
        labels: LABELS,
      },
    });
    const dialog = screen.getByRole('dialog', { name: 'Guidelines' });
    expect(within(dialog).getByRole('heading', { name: 'Persons', level: 1 })).toBeInTheDocument();
    expect(dialog.querySelector('strong')).toHaveTextContent('named');
    expect(dialog.querySelector('img, a, script')).toBeNull();
    expect(dialog).toHaveTextContent('<img src=x onerror=alert(1)> [see](https://example.org/x)');
    expect(dialog).toHaveTextContent('A city or a country');
  });
});
