import { describe, expect, it } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { ItemEditor } from '../../../src/state/item-editor.svelte.ts';
import { TextSession } from '../../../src/state/text-session.svelte.ts';
import { termRules } from '../../../src/model/patterns.ts';
import { suggestionsOf } from '../../../src/storage/suggestions.ts';
import type { Label } from '../../../src/model/label.ts';
import type { TextItem } from '../../../src/model/item.ts';

const labels: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] },
  { id: 'place', name: 'Place', color: '#3cb44b', hotkey: '2', kinds: ['span'] },
  { id: 'knows', name: 'Knows', color: '#911eb4', kinds: ['relation'] },
  { id: 'met', name: 'Met', color: '#4363d8', kinds: ['relation'] },
];

async function setup(text: string, others: string[] = []) {
  const repository = freshRepository();
  const project = await repository.createProject('Text', labels);
  await repository.addItems(
    project.id,
    [text, ...others].map((t, i) => ({
      id: `t${i}`,
      kind: 'text' as const,
      name: `t${i}.txt`,
      text: t,
      sha256: String(i).repeat(64),
      status: 'todo' as const,
      note: '',
    })),
  );
  const editor = new ItemEditor(
    repository,
    () => '0123456789abcdef',
    (write) => write(),
  );
  await editor.open('t0');
  const session = new TextSession(editor, editor.item as TextItem);
  await session.load();
  const spans = async () =>
    (await repository.annotationsOf('t0'))
      .filter((a) => a.type === 'span')
      .map((a) => (a.type === 'span' ? `${a.label}:${a.text}` : ''))
      .sort();
  return { repository, editor, session, annotator: session.annotator, project, spans };
}

describe('selection that behaves', () => {
  it('trims spaces always, refuses only spaces and the same label twice, with a message', async () => {
    const text = 'Ada  met Grace.';
    const { annotator, spans } = await setup(text);
    annotator.select(0, 5); // "Ada  "
    expect(annotator.selection).toEqual({ start: 0, end: 3 });
    await annotator.label('person');
    annotator.select(3, 5);
    expect(annotator.message).toMatch(/Only spaces/);
    await annotator.label('person');
    annotator.select(0, 3);
    await annotator.label('person');
    expect(annotator.message).toMatch(/already has this label/);
    await annotator.label('place'); // another label on the same words is a nested entity
    expect(await spans()).toEqual(['person:Ada', 'place:Ada']);
  });

  it('moves the caret on screen in right-to-left paragraphs', async () => {
    const text = 'Hi\nשלום עולם';
    const { annotator } = await setup(text);
    annotator.select(3, 3);
    annotator.moveCaretVisually('left', false, true);
    expect(annotator.selection).toEqual({ start: 3, end: 4 });
    annotator.moveCaretVisually('right', false, false);
    expect(annotator.caret).toBe(3);
    annotator.select(0, 0);
    annotator.moveCaretVisually('right', true, true);
    expect(annotator.selection).toEqual({ start: 0, end: 2 });
  });

  it('labels first, then every selection', async () => {
    const { annotator, spans } = await setup('Ada met Grace in Rome.');
    annotator.labelFirst = true;
    await annotator.pressLabel('person');
    expect(annotator.armedLabel).toBe('person');
    annotator.select(0, 3);
    annotator.select(8, 13);
    await annotator.editor.repository.settle();
    await expect.poll(spans).toEqual(['person:Ada', 'person:Grace']);
  });

  it('labels every other occurrence of whole words, once, in one undo step', async () => {
    const { annotator, editor, spans } = await setup('Rome, Romeo and Rome. rome');
    annotator.select(0, 4);
    await annotator.label('place');
    expect(await annotator.labelEveryOccurrence('place')).toBe(1); // not "Romeo", not "rome"
    expect(await spans()).toEqual(['place:Rome', 'place:Rome']);
    await editor.undo();
    expect(await spans()).toEqual(['place:Rome']);
  });
});

describe('relations by keyboard', () => {
  it('steps to a target, links it with Enter, and edits label and direction as single steps', async () => {
    const { annotator, editor } = await setup('Ada met Grace and Alan.');
    for (const [s, e] of [
      [0, 3],
      [8, 13],
      [18, 22],
    ] as const) {
      annotator.select(s, e);
      await annotator.label('person');
    }
    annotator.stepSpan(1); // from the caret after "Alan": wraps to Ada
    expect(annotator.spans.find((s) => s.id === annotator.selectedId)?.text).toBe('Ada');
    annotator.startRelation();
    annotator.stepSpan(1);
    annotator.stepSpan(1);
    expect(annotator.spans.find((s) => s.id === annotator.relatingTo)?.text).toBe('Alan');
    await annotator.confirmRelation('knows');
    const [relation] = annotator.relations;
    const text = (id: string) => annotator.spans.find((s) => s.id === id)?.text;
    expect([text(relation!.from), relation!.label, text(relation!.to)]).toEqual([
      'Ada',
      'knows',
      'Alan',
    ]);
    await annotator.editRelation(relation!.id, { reverse: true });
    await annotator.editRelation(relation!.id, { label: 'met' });
    const edited = annotator.relations[0]!;
    expect([text(edited.from), edited.label, text(edited.to)]).toEqual(['Alan', 'met', 'Ada']);
    await editor.undo();
    expect(annotator.relations[0]!.label).toBe('knows');
    await editor.undo();
    expect(text(annotator.relations[0]!.from)).toBe('Ada');
  });
});

describe('suggestions', () => {
  it('are stored apart from annotations, accepted and rejected, here and across the project', async () => {
    const { session, annotator, repository, project, spans, editor } = await setup(
      'Ada met 👩🏽‍💻 Grace in Zürich.',
      ['Grace wrote to Ada.', 'Nobody here.'],
    );
    const rules = termRules('person', 'ada\ngrace', true);
    expect(await session.suggestEverywhere(rules)).toBe(4);
    expect(session.suggestions.list.map((s) => [s.text, s.start, s.end])).toEqual([
      ['Ada', 0, 3],
      ['Grace', 13, 18],
    ]);
    // Nothing is an annotation until accepted.
    expect(await repository.countAnnotations(project.id)).toBe(0);
    expect((await suggestionsOf(repository.db, project.id, 't1')).map((s) => s.text)).toEqual([
      'Grace',
      'Ada',
    ]);
    await session.suggestions.acceptCurrent();
    await session.suggestions.rejectCurrent();
    expect(session.suggestions.list).toEqual([]);
    expect(await spans()).toEqual(['person:Ada']);
    expect(await suggestionsOf(repository.db, project.id, 't0')).toEqual([]);
    // Suggesting again skips what is already labeled.
    expect(await session.suggestHere(rules)).toBe(1);
    expect(session.suggestions.list.map((s) => s.text)).toEqual(['Grace']);
    // Undo of the reject brings Grace back once, not beside the one suggested again.
    await editor.undo();
    expect(session.suggestions.list.map((s) => s.text)).toEqual(['Grace']);
    // Undo of the accept removes the span and puts Ada back on the list, focused.
    await editor.undo();
    expect(await spans()).toEqual([]);
    expect(annotator.spans).toEqual([]);
    expect(session.suggestions.list.map((s) => s.text)).toEqual(['Ada', 'Grace']);
    expect(session.suggestions.current?.text).toBe('Ada');
    expect((await suggestionsOf(repository.db, project.id, 't0')).map((s) => s.text)).toEqual([
      'Ada',
      'Grace',
    ]);
  });

  it('accepts all in one undo step, and redo accepts them again', async () => {
    const { session, annotator, repository, project, spans, editor } =
      await setup('Ada met Grace and Ada.');
    await session.suggestHere(termRules('person', 'ada\ngrace', true));
    const all = session.suggestions.list.map((s) => s.id);
    expect(all).toHaveLength(3);
    await session.suggestions.accept(all);
    expect(await spans()).toEqual(['person:Ada', 'person:Ada', 'person:Grace']);
    expect(session.suggestions.list).toEqual([]);
    await editor.undo();
    expect(annotator.spans).toEqual([]);
    expect(await spans()).toEqual([]);
    expect(session.suggestions.list.map((s) => s.id).sort()).toEqual([...all].sort());
    expect(await suggestionsOf(repository.db, project.id, 't0')).toHaveLength(3);
    expect(editor.canUndo).toBe(false);
    await editor.redo();
    expect(await spans()).toEqual(['person:Ada', 'person:Ada', 'person:Grace']);
    expect(await suggestionsOf(repository.db, project.id, 't0')).toEqual([]);
  });
});
