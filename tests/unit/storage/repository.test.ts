import { moveLabel, updateLabel } from '../../../src/model/label-schema.ts';
import { describe, expect, it, vi } from 'vitest';
import { freshRepository } from '../../factories/files.ts';
import { saveSuggestions, suggestionsOf } from '../../../src/storage/suggestions.ts';
import {
  patternSets,
  savePatternSets,
  saveTextSettings,
  textSettings,
} from '../../../src/storage/text-settings.ts';
import { termRules } from '../../../src/model/patterns.ts';
import type { NewItem } from '../../../src/storage/repository.ts';
import { StorageFullError, CorruptRecordError } from '../../../src/storage/errors.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import type { Label } from '../../../src/model/label.ts';
import { ReviewStore } from '../../../src/storage/review-store.ts';

const hash = (n: number) => n.toString(16).padStart(64, '0');

function textItem(n: number, text = `text ${n}`): NewItem {
  return {
    id: `t${n}`,
    kind: 'text',
    name: `doc-${n}.txt`,
    text,
    sha256: hash(n),
    status: 'todo',
    note: '',
  };
}

function conversationItem(n: number): NewItem {
  return {
    id: `c${n}`,
    kind: 'conversation',
    name: `conv-${n}`,
    context: [{ role: 'user', content: `question ${n}?` }],
    responses: [{ id: 'a', content: `answer ${n}` }],
    sha256: hash(2000 + n),
    status: 'todo',
    note: '',
  };
}

function imageItem(n: number): NewItem {
  return {
    id: `i${n}`,
    kind: 'image',
    name: `img-${n}.png`,
    sha256: hash(1000 + n),
    mediaType: 'image/png',
    width: 10,
    height: 20,
    byteLength: 3,
    status: 'todo',
    note: '',
  };
}

const labels: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', kinds: ['span'] },
  { id: 'place', name: 'Place', color: '#3cb44b', kinds: ['span'] },
];

function span(id: string, itemId: string, projectId: string, label: string): Annotation {
  const at = new Date().toISOString();
  return {
    id,
    type: 'span',
    projectId,
    itemId,
    label,
    annotator: 'me',
    createdAt: at,
    updatedAt: at,
    start: 0,
    end: 4,
    text: 'text',
  };
}

describe('repository', () => {
  it('applies quick label edits to the stored labels, so neither undoes the other', async () => {
    const repo = freshRepository();
    const project = await repo.createProject('Contracts', [
      { id: 'party', name: 'Party', color: '#e6194b', kinds: ['span'] },
      { id: 'date', name: 'Date', color: '#3cb44b', kinds: ['span'] },
    ]);
    // Both edits made from the same labels on screen, the second before the first is saved.
    await Promise.all([
      repo.saveLabels(project.id, (labels) => moveLabel(labels, 'date', 0)),
      repo.saveLabels(project.id, (labels) => updateLabel(labels, 'party', { name: 'Signatory' })),
    ]);
    expect((await repo.getProject(project.id))?.labels.map((l) => l.name)).toEqual([
      'Date',
      'Signatory',
    ]);
  });

  it('creates, renames and lists projects with progress', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('First', labels);
    await repo.addItems(p.id, [textItem(1), textItem(2)]);
    await repo.setStatus('t2', 'done');
    await repo.renameProject(p.id, 'Renamed');
    const [summary] = await repo.listProjects();
    expect(summary?.project.name).toBe('Renamed');
    expect(summary?.project.labels).toEqual(labels);
    expect(summary).toMatchObject({ total: 2, done: 1 });
  });

  it('keeps items in import order across batches and lists them by status, label and text', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P', labels);
    await repo.addItems(p.id, [textItem(1, 'Ada in Zürich'), textItem(2, 'Grace')]);
    await repo.addItems(p.id, [textItem(3, '東京の研究所'), imageItem(1)]);
    expect(await repo.itemIds(p.id)).toEqual(['t1', 't2', 't3', 'i1']);
    await repo.setStatus('t3', 'skipped');
    expect(await repo.itemIds(p.id, { status: 'skipped' })).toEqual(['t3']);
    expect(await repo.itemIds(p.id, { status: 'todo' })).toEqual(['t1', 't2', 'i1']);
    expect(await repo.itemIds(p.id, { text: 'zürich' })).toEqual(['t1']);
    expect(await repo.itemIds(p.id, { text: '研究' })).toEqual(['t3']);
    expect(await repo.itemIds(p.id, { text: 'IMG-1' })).toEqual(['i1']);
    await repo.applyAnnotations([span('s1', 't2', p.id, 'place')]);
    expect(await repo.itemIds(p.id, { label: 'place' })).toEqual(['t2']);
    expect(await repo.itemIds(p.id, { label: 'place', status: 'done' })).toEqual([]);
  });

  it('finds the next item to do after one, wrapping round, in pages of the status index', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P', labels);
    // 1,100 items to do, of which the list (a filter) shows only some: the pages of the
    // index (256, 512, 1,024 keys) are read on until one it shows.
    await repo.addItems(
      p.id,
      Array.from({ length: 1100 }, (_, i) => textItem(i)),
    );
    const seqOf = async (id: string) => (await repo.getItem(id))!.seq;
    const next = async (from: string | undefined, shown: string[]) =>
      repo.nextWithStatus(p.id, 'todo', from === undefined ? undefined : await seqOf(from), (id) =>
        shown.includes(id),
      );
    // At the first page's last key, just past it, and in the third page.
    for (const target of ['t255', 't256', 't257', 't1029'])
      expect(await next('t0', [target])).toBe(target);
    expect(await next(undefined, ['t0', 't700'])).toBe('t0');
    // Round to the start, paging there too; never the item itself.
    expect(await next('t1000', ['t3', 't1000'])).toBe('t3');
    expect(await next('t1099', ['t600'])).toBe('t600');
    expect(await next('t600', ['t600'])).toBeUndefined();
    // Only items to do: done ones are not in the index read.
    await repo.setStatus('t257', 'done');
    expect(await next('t0', ['t257', 't900'])).toBe('t900');
    expect(await repo.nextWithStatus(p.id, 'skipped', undefined, () => true)).toBeUndefined();
  });

  it('tells what status a write replaced, and places status writes and counts in the order they run', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P', labels);
    await repo.addItems(p.id, [textItem(1), textItem(2)]);
    const first = await repo.progress(p.id);
    const written = await repo.setStatus('t1', 'done');
    expect(written).toEqual({ projectId: p.id, before: 'todo', after: 'done', at: first.at + 1 });
    const counted = await repo.progress(p.id);
    expect(counted).toEqual({ total: 2, done: 1, at: first.at + 2 });
    expect(await repo.setStatus('t1', 'skipped')).toMatchObject({ before: 'done' });
    expect(await repo.setStatus('gone', 'done')).toBeUndefined();
  });

  it("lists items by their rows, without a conversation's messages", async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P');
    await repo.addItems(p.id, [textItem(1, 'a short text'), imageItem(1), conversationItem(1)]);
    const rows = await repo.itemRows(['c1', 'i1', 'gone', 't1']);
    expect(rows).toMatchObject([
      { id: 'c1', name: 'conv-1', status: 'todo', kind: 'conversation', seq: 2 },
      { id: 'i1', name: 'img-1.png', status: 'todo', kind: 'image', width: 10 },
      { id: 't1', name: 'doc-1.txt', status: 'todo', kind: 'text', text: 'a short text' },
    ]);
    expect(rows[0]).not.toHaveProperty('responses');
    // As stored, not only as read back through the row's schema (which drops unknown fields).
    expect(await repo.db.items.get('c1')).not.toHaveProperty('responses');
    expect(await repo.db.contents.get('c1')).toMatchObject({ responses: [{ id: 'a' }] });
    await repo.addItemsAsMade(p.id, [conversationItem(2)]);
    expect(await repo.db.items.get('c2')).not.toHaveProperty('context');
    expect(await repo.getItem('c2')).toMatchObject({ context: [{ content: 'question 2?' }] });
    // The whole conversation, joined from its row and its messages.
    expect(await repo.getItem('c1')).toMatchObject({ responses: [{ content: 'answer 1' }] });
  });

  it('writes a batch whole or not at all', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P');
    await repo.addItems(p.id, [textItem(1)]);
    // The second item reuses an existing id: the whole batch must be refused.
    await expect(repo.addItems(p.id, [textItem(2), textItem(1)])).rejects.toThrow();
    expect(await repo.itemIds(p.id)).toEqual(['t1']);
  });

  it('turns a full disk into a plain StorageFullError and leaves data untouched', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P');
    const spy = vi
      .spyOn(repo.db.items, 'bulkAdd')
      .mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    const write = repo.addItems(p.id, [textItem(1), textItem(2)]);
    await expect(write).rejects.toBeInstanceOf(StorageFullError);
    await expect(write).rejects.toThrow(/no room left/);
    spy.mockRestore();
    expect(await repo.itemIds(p.id)).toEqual([]);
  });

  it('deletes a project with its items and annotations, keeping media another project uses', async () => {
    const repo = freshRepository();
    const a = await repo.createProject('A', labels);
    const b = await repo.createProject('B', labels);
    const media = (n: number) => ({
      sha256: hash(1000 + n),
      type: 'image/png',
      bytes: new Uint8Array([n]).buffer,
    });
    await repo.addItems(
      a.id,
      [imageItem(1), imageItem(2), textItem(1), conversationItem(1)],
      [media(1), media(2)],
    );
    await repo.addItems(b.id, [{ ...imageItem(1), id: 'b-i1' }], [media(1)]);
    await repo.applyAnnotations([span('s1', 't1', a.id, 'person')]);
    const reviews = new ReviewStore(repo.db);
    const key = { keyId: 'ABCDEF0123456789', name: 'Ada' };
    const sent = (projectId: string) => ({
      projectId,
      batch: { index: 1, count: 1 },
      labeler: key,
      lead: key,
      items: ['t1'],
      at: 't',
    });
    await reviews.recordAssignments(a.id, [sent(a.id)]);
    await reviews.recordAssignments(b.id, [sent(b.id)]);
    await repo.deleteProject(a.id);
    expect(await reviews.assignments(a.id)).toEqual([]);
    expect(await reviews.assignments(b.id)).toHaveLength(1);
    expect(await repo.getProject(a.id)).toBeUndefined();
    expect(await repo.itemIds(a.id)).toEqual([]);
    expect(await repo.db.contents.count()).toBe(0); // c1's messages went with it
    expect(await repo.annotationsOf('t1')).toEqual([]);
    expect(await repo.getMedia(hash(1001))).toBeDefined();
    expect(await repo.getMedia(hash(1002))).toBeUndefined();
    expect(await repo.itemIds(b.id)).toEqual(['b-i1']);
  });

  it("stores a big image's preview with its image, keeps one made later only while the image exists, and deletes it with its last project", async () => {
    const repo = freshRepository();
    const a = await repo.createProject('A', labels);
    const b = await repo.createProject('B', labels);
    const media = (n: number) => ({
      sha256: hash(1000 + n),
      type: 'image/png',
      bytes: new Uint8Array([n]).buffer,
    });
    const preview = (n: number) => ({
      sha256: hash(1000 + n),
      type: 'image/jpeg' as const,
      width: 40,
      height: 30,
      bytes: new Uint8Array([0xff, 0xd8, n]).buffer,
    });
    await repo.addItems(a.id, [imageItem(1), imageItem(2)], [media(1), media(2)]);
    await repo.addItems(b.id, [{ ...imageItem(1), id: 'b-i1' }], [media(1)]);
    // Made at import, once the image has landed.
    await repo.keepPreview(preview(1));
    expect(await repo.preview(hash(1001))).toEqual(preview(1));
    expect(await repo.preview(hash(1002))).toBeUndefined();
    // Made on the first open of an image stored without one.
    await repo.keepPreview(preview(2));
    expect(await repo.preview(hash(1002))).toEqual(preview(2));
    // An image no longer stored gets none.
    await repo.keepPreview(preview(3));
    expect(await repo.preview(hash(1003))).toBeUndefined();

    await repo.deleteProject(a.id);
    expect(await repo.preview(hash(1001))).toEqual(preview(1)); // B still shows image 1
    expect(await repo.preview(hash(1002))).toBeUndefined();
    await repo.deleteProject(b.id);
    expect(await repo.db.previews.count()).toBe(0);
    expect(await repo.db.media.count()).toBe(0);
  });

  it('refuses a damaged preview, naming it', async () => {
    const repo = freshRepository();
    await repo.db.previews.put({
      sha256: hash(7),
      type: 'image/gif' as 'image/jpeg',
      width: 1,
      height: 1,
      bytes: new ArrayBuffer(1),
    });
    await expect(repo.preview(hash(7))).rejects.toThrow(CorruptRecordError);
    await expect(repo.preview(hash(7))).rejects.toThrow(`preview of image ${hash(7)}`);
  });

  it("deletes a project's text suggestions, text settings and rules with it, and no other's", async () => {
    const repo = freshRepository();
    const a = await repo.createProject('A', labels);
    const b = await repo.createProject('B', labels);
    await repo.addItems(a.id, [textItem(1)]);
    await repo.addItems(b.id, [{ ...textItem(1), id: 'b-t1' }]);
    const ada = { id: 'g1', label: 'person', start: 0, end: 3, text: 'Ada' };
    const rules = [{ id: 'r', name: 'Names', rules: termRules('person', 'ada', true) }];
    for (const [project, item] of [
      [a.id, 't1'],
      [b.id, 'b-t1'],
    ] as const) {
      await saveSuggestions(repo.db, project, new Map([[item, [ada]]]));
      await saveTextSettings(repo.db, project, { snapWords: true, guidelines: '# Rules' });
      await savePatternSets(repo.db, project, rules);
    }
    const before = await repo.db.settings.count();
    await repo.deleteProject(a.id);
    expect(await repo.db.settings.count()).toBe(before - 3);
    expect(await suggestionsOf(repo.db, a.id, 't1')).toEqual([]);
    expect(await textSettings(repo.db, a.id)).toEqual({ snapWords: false, guidelines: '' });
    expect(await patternSets(repo.db, a.id)).toEqual([]);
    expect(await suggestionsOf(repo.db, b.id, 'b-t1')).toEqual([ada]);
    expect((await textSettings(repo.db, b.id)).guidelines).toBe('# Rules');
    expect(await patternSets(repo.db, b.id)).toHaveLength(1);
  });

  it('deletes a label with its annotations and the relations to them, or relabels them', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P', [
      ...labels,
      { id: 'rel', name: 'Knows', color: '#000000', kinds: ['relation'] },
    ]);
    await repo.addItems(p.id, [textItem(1)]);
    const at = new Date().toISOString();
    const relation: Annotation = {
      id: 'r1',
      type: 'relation',
      projectId: p.id,
      itemId: 't1',
      label: 'rel',
      annotator: 'me',
      createdAt: at,
      updatedAt: at,
      from: 's1',
      to: 's2',
    };
    await repo.applyAnnotations([
      span('s1', 't1', p.id, 'person'),
      span('s2', 't1', p.id, 'place'),
      relation,
    ]);
    expect(await repo.countLabelUse(p.id, 'person')).toBe(1);

    await repo.deleteLabel(p.id, 'place', { mode: 'relabel', to: 'person' });
    expect(
      (await repo.annotationsOf('t1'))
        .filter((a) => a.label === 'person')
        .map((a) => a.id)
        .sort(),
    ).toEqual(['s1', 's2']);

    await repo.deleteLabel(p.id, 'person', { mode: 'delete' });
    expect(await repo.annotationsOf('t1')).toEqual([]);
    expect((await repo.getProject(p.id))?.labels.map((l) => l.id)).toEqual(['rel']);
  });

  it('refuses to relabel annotations to a label that does not apply to their kind', async () => {
    const repo = freshRepository();
    const both: Label = {
      id: 'both',
      name: 'Both',
      color: '#000000',
      kinds: ['span', 'text_class'],
    };
    const classOnly: Label = { id: 'cls', name: 'Class', color: '#111111', kinds: ['text_class'] };
    const p = await repo.createProject('P', [both, classOnly]);
    await repo.addItems(p.id, [textItem(1)]);
    await repo.applyAnnotations([span('s1', 't1', p.id, 'both')]);
    await expect(repo.deleteLabel(p.id, 'both', { mode: 'relabel', to: 'cls' })).rejects.toThrow(
      /every kind/,
    );
    expect(await repo.annotationsOf('t1')).toMatchObject([{ id: 's1', label: 'both' }]);
    expect((await repo.getProject(p.id))?.labels).toHaveLength(2);
  });

  it('refuses to use a damaged record, naming it', async () => {
    const repo = freshRepository();
    const p = await repo.createProject('P');
    await repo.db.projects.put({ ...p, labels: [{ id: 'x' }] as unknown as Label[] });
    await expect(repo.getProject(p.id)).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(repo.getProject(p.id)).rejects.toThrow(`project ${p.id}`);
  });
});
