import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import { TextAnnotator } from '../../../src/state/text-annotator.svelte.ts';
import type { Label } from '../../../src/model/label.ts';
import type { TextItem } from '../../../src/model/item.ts';

// Text labeling driven headless, as the view drives it: UTF-16 selections in, code points out.

const TEXT = 'Ada 👩🏽‍💻 met 🇨🇭 Grace in Zürich.';
const labels: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] },
  { id: 'place', name: 'Place', color: '#3cb44b', hotkey: '2', kinds: ['span'] },
  { id: 'knows', name: 'Knows', color: '#911eb4', kinds: ['relation'] },
];

async function setup() {
  const repository = freshRepository();
  const project = await repository.createProject('Text', labels);
  await repository.addItems(project.id, [
    {
      id: 't1',
      kind: 'text',
      name: 't.txt',
      text: TEXT,
      sha256: 'a'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  const editor = new ItemEditor(
    repository,
    () => '0123456789abcdef',
    (write) => write(),
  );
  await editor.open('t1');
  const annotator = new TextAnnotator(editor, editor.item as TextItem);
  const stored = async () =>
    (await repository.annotationsOf('t1')).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const utf16 = (word: string) => ({
    start: TEXT.indexOf(word),
    end: TEXT.indexOf(word) + word.length,
  });
  return { repository, editor, annotator, stored, utf16 };
}

describe('TextAnnotator', () => {
  it('stores a mouse selection after emoji as Python code-point offsets with its text', async () => {
    const { annotator, stored, utf16 } = await setup();
    const { start, end } = utf16('Grace');
    annotator.select(start, end);
    await annotator.label('person');
    const [span] = await stored();
    // Python: 'Ada 👩🏽‍💻 met 🇨🇭 Grace in Zürich.'[16:21] == 'Grace'
    expect(span).toMatchObject({
      type: 'span',
      label: 'person',
      start: 16,
      end: 21,
      text: 'Grace',
    });
    expect([...TEXT].slice(16, 21).join('')).toBe('Grace');
  });

  it('never stores half of an emoji: selections widen to whole characters', async () => {
    const { annotator, stored } = await setup();
    const flag = TEXT.indexOf('🇨🇭');
    annotator.select(flag + 1, flag + 3); // the middle of the flag's two regional indicators
    await annotator.label('place');
    expect(await stored()).toMatchObject([{ text: '🇨🇭', start: 13, end: 15 }]);
  });

  it('labels by keyboard: Ctrl+Shift+→ selects a word, the hotkey labels it', async () => {
    const { annotator, stored } = await setup();
    annotator.moveCaret(1, true, true);
    await annotator.label('person');
    annotator.moveCaret(1, false, false);
    annotator.moveCaret(1, false, true); // one grapheme: the whole ZWJ sequence
    await annotator.label('place');
    expect((await stored()).map((s) => s.type === 'span' && s.text)).toEqual(['Ada', '👩🏽‍💻']);
  });

  it('relabels the selected span, relates two spans, and deletes a span with its relations', async () => {
    const { annotator, stored, utf16 } = await setup();
    annotator.select(utf16('Ada').start, utf16('Ada').end);
    await annotator.label('person');
    const ada = annotator.selectedId!;
    annotator.select(utf16('Grace').start, utf16('Grace').end);
    await annotator.label('place');
    await annotator.label('person'); // relabel the new, selected span
    const grace = annotator.selectedId!;
    expect((await stored()).find((a) => a.id === grace)).toMatchObject({ label: 'person' });

    await annotator.clickSpan(ada, 'knows');
    annotator.startRelation();
    await annotator.clickSpan(grace, 'knows');
    expect(annotator.relations).toMatchObject([{ from: ada, to: grace, label: 'knows' }]);

    await annotator.clickSpan(grace, 'knows');
    await annotator.deleteSelected();
    expect((await stored()).map((a) => a.type)).toEqual(['span']);
  });

  it('undoes and redoes each gesture as one step, in storage too', async () => {
    const { annotator, editor, stored, utf16 } = await setup();
    annotator.select(utf16('Zürich').start, utf16('Zürich').end);
    await annotator.label('place');
    await annotator.label('person');
    expect(await stored()).toMatchObject([{ label: 'person' }]);
    await editor.undo();
    expect(await stored()).toMatchObject([{ label: 'place', text: 'Zürich' }]);
    await editor.undo();
    expect(await stored()).toEqual([]);
    expect(editor.canUndo).toBe(false);
    await editor.redo();
    await editor.redo();
    expect(await stored()).toMatchObject([{ label: 'person', text: 'Zürich' }]);
    expect(editor.canRedo).toBe(false);
  });
});
