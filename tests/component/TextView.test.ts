import { describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import TextView from '../../src/ui/TextView.svelte';
import { ItemEditor } from '../../src/state/item-editor.svelte.ts';
import { TextAnnotator } from '../../src/state/text-annotator.svelte.ts';
import type { Annotation } from '../../src/model/annotation.ts';
import type { Label } from '../../src/model/label.ts';
import type { TextItem } from '../../src/model/item.ts';
import { freshRepository } from '../factories/files.ts';
import { roomBelow } from '../../src/model/span-layout.ts';

// "👩‍💻" is 4 code points (7 UTF-16 units); offsets below are code points, as stored.
const TEXT = 'Dr 👩‍💻 Ada Lovelace met <b>Acme</b> in Zürich.';
const HOSTILE = '<img src=x onerror=alert(1)>';
const LABELS: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] },
  { id: 'org', name: HOSTILE, color: '#4363d8', hotkey: '2', kinds: ['span'] },
  { id: 'rel', name: 'Works with', color: '#911eb4', kinds: ['relation'] },
];

function cp(text: string, needle: string): { start: number; end: number; text: string } {
  const at = text.indexOf(needle);
  const start = [...text.slice(0, at)].length;
  return { start, end: start + [...needle].length, text: needle };
}

async function setup(extra: (stamp: Omit<Annotation, 'type'>) => Annotation[]) {
  const repository = freshRepository();
  const project = await repository.createProject('News', LABELS);
  await repository.addItems(project.id, [
    {
      id: 'doc',
      kind: 'text',
      name: 'doc.txt',
      text: TEXT,
      sha256: 'b'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const base = {
    projectId: project.id,
    itemId: 'doc',
    annotator: 'tester',
    createdAt: 't',
    updatedAt: 't',
  };
  const annotations = extra({ ...base, id: '', label: '' });
  await repository.applyAnnotations(annotations, []);
  const editor = new ItemEditor(
    repository,
    () => 'tester',
    async (write) => await write(),
  );
  await editor.open('doc');
  const annotator = new TextAnnotator(editor, editor.item as TextItem);
  render(TextView, { props: { annotator, labels: LABELS, relationLabel: LABELS[2] } });
  return { repository, editor, annotator };
}

const span = (base: object, id: string, label: string, needle: string): Annotation =>
  ({ ...base, id, label, type: 'span', ...cp(TEXT, needle) }) as Annotation;

describe('TextView', () => {
  it('draws nested spans on separate underline levels, each with its label tag', async () => {
    await setup((base) => [
      span(base, 'outer', 'person', '👩‍💻 Ada Lovelace'),
      span(base, 'inner', 'person', 'Ada'),
      span(base, 'org', 'org', '<b>Acme</b>'),
    ]);
    const view = screen.getByTestId('item-text');
    expect(view.textContent?.replace(/Person|<img src=x onerror=alert\(1\)>/g, '')).toBe(TEXT);
    // "Ada" lies under two spans, so it is a segment of its own.
    const ada = [...view.querySelectorAll<HTMLElement>('span.seg')].find(
      (s) => s.textContent === 'Ada',
    )!;
    // Two levels of underline sit under "Ada" (jsdom drops gradient backgrounds, so the room
    // reserved under the run is what can be read here; the e2e measures the drawn lines).
    expect(ada.style.paddingBottom).toBe(`${roomBelow(2)}px`);
    // "Zürich" has no span: no room under it, and the line grows only for the two levels.
    const plain = [...view.querySelectorAll<HTMLElement>('span.seg')].find((s) =>
      s.textContent?.includes('Zürich'),
    )!;
    expect(plain.style.paddingBottom).toBe('');
    expect(screen.getByRole('button', { name: 'Person: Ada' })).toBeVisible();
    expect(screen.getByRole('button', { name: 'Person: 👩‍💻 Ada Lovelace' })).toBeVisible();
  });

  it('renders hostile text and label names as text, never as HTML', async () => {
    await setup((base) => [span(base, 'org', 'org', '<b>Acme</b>')]);
    const view = screen.getByTestId('item-text');
    expect(view.querySelector('b, img, script')).toBeNull();
    expect(screen.getByRole('button', { name: `${HOSTILE}: <b>Acme</b>` })).toHaveTextContent(
      HOSTILE,
    );
  });

  it('selects a span when its tag is clicked, and relabels it with a label', async () => {
    const { annotator, repository } = await setup((base) => [
      span(base, 'ada', 'person', 'Ada Lovelace'),
    ]);
    const tag = screen.getByRole('button', { name: 'Person: Ada Lovelace' });
    expect(tag).toHaveAttribute('aria-pressed', 'false');
    await userEvent.setup().click(tag);
    await waitFor(() => expect(tag).toHaveAttribute('aria-pressed', 'true'));
    expect(annotator.selectedId).toBe('ada');
    await annotator.label('org');
    await waitFor(async () =>
      expect((await repository.annotationsOf('doc'))[0]).toMatchObject({
        label: 'org',
        ...cp(TEXT, 'Ada Lovelace'),
      }),
    );
  });

  it('draws one arc per relation, with the arrowhead at the target', async () => {
    await setup((base) => [
      span(base, 'ada', 'person', 'Ada Lovelace'),
      span(base, 'acme', 'org', '<b>Acme</b>'),
      { ...base, id: 'r1', label: 'rel', type: 'relation', from: 'ada', to: 'acme' },
    ]);
    const view = screen.getByTestId('item-text').parentElement!;
    await waitFor(() => expect(view.querySelectorAll('path.arc')).toHaveLength(1));
    const arc = view.querySelector('path.arc')!;
    expect(arc.getAttribute('data-relation')).toBe('r1');
    expect(arc.getAttribute('marker-end')).toBe('url(#head-r1)');
    expect(view.querySelector('svg text')?.textContent).toBe('Works with');
  });
});

describe('TextView layout', () => {
  it('puts a tag after the word a span ends in, never inside the word', async () => {
    // "Lovel" ends inside "Lovelace": the tag goes after "Lovelace".
    await setup((base) => [
      {
        ...base,
        id: 'part',
        label: 'person',
        type: 'span',
        ...cp(TEXT, 'Ada Lovel'),
      },
    ]);
    const tag = screen.getByRole('button', { name: 'Person: Ada Lovel' });
    const before = tag.previousElementSibling as HTMLElement;
    expect(before.textContent).toBe('ace');
    expect(Number(tag.dataset.tagAt)).toBe(TEXT.indexOf('Lovelace') + 'Lovelace'.length);
  });

  it('marks where each overlapping span starts and ends on its own underline', async () => {
    await setup((base) => [
      span(base, 'a', 'person', 'Ada Lovelace'),
      span(base, 'b', 'org', 'Lovelace met'),
    ]);
    const segs = [...screen.getByTestId('item-text').querySelectorAll<HTMLElement>('span.seg')];
    expect(segs.map((s) => s.textContent)).toContain('Lovelace');
    // Each run carries room for its own depth only: "Ada " one level, "Lovelace" two.
    const room = (text: string) => segs.find((s) => s.textContent === text)!.style.paddingBottom;
    expect(room('Ada ')).toBe(`${roomBelow(1)}px`);
    expect(room('Lovelace')).toBe(`${roomBelow(2)}px`);
    expect(room(' met')).toBe(`${roomBelow(2)}px`);
  });
});
