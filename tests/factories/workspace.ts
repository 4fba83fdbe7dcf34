import { freshRepository } from './files.ts';
import { makePng } from './png.ts';
import { sha256Hex } from '../../src/import/hash.ts';
import { generateKeyPair } from '../../src/bundle/signing.ts';
import { now } from '../../src/model/ids.ts';
import type { Repository } from '../../src/storage/repository.ts';
import type { Label } from '../../src/model/label.ts';

// A small but complete workspace for backup tests: two projects, text and image items (one
// image shared by both projects), every kind of edit, settings and a signing key.

const labels: Label[] = [
  { id: 'person', name: 'Person', color: '#e6194b', hotkey: '1', kinds: ['span'] },
  { id: 'urgent', name: 'Urgent', color: '#f58231', hotkey: 'u', kinds: ['text_class'] },
  { id: 'house', name: 'House', color: '#3cb44b', hotkey: 'h', kinds: ['box', 'image_class'] },
];

export async function filledWorkspace(repository: Repository = freshRepository()) {
  const png = new Uint8Array(makePng(40, 30, 9));
  const sha256 = await sha256Hex(png);
  const media = [{ sha256, type: 'image/png', bytes: png.slice().buffer }];
  const image = (id: string) => ({
    id,
    kind: 'image' as const,
    name: `${id}.png`,
    sha256,
    mediaType: 'image/png' as const,
    width: 40,
    height: 30,
    byteLength: png.byteLength,
    status: 'todo' as const,
    note: '',
  });
  const text = async (id: string, body: string) => ({
    id,
    kind: 'text' as const,
    name: `${id}.txt`,
    text: body,
    sha256: await sha256Hex(new TextEncoder().encode(body)),
    status: 'todo' as const,
    note: '',
  });
  const first = await repository.createProject('Contracts ✍️', labels);
  const second = await repository.createProject('Street photos', labels);
  await repository.addItems(first.id, [await text('t1', 'Ada 👩🏽‍💻 met Grace.'), image('i1')], media);
  await repository.addItems(second.id, [image('i2'), await text('t2', 'שלום\r\nعالم')], media);
  // A conversation, whose messages are stored apart from its row.
  await repository.addItems(second.id, [
    {
      id: 'c1',
      kind: 'conversation',
      name: 'c1',
      context: [{ role: 'user', content: 'Which is kinder? 🙂' }],
      responses: [
        { id: 'a', content: 'This one.', model: 'm1' },
        { id: 'b', content: 'זה' },
      ],
      sha256: 'c'.repeat(64),
      status: 'todo',
      note: '',
    },
  ]);
  await repository.setStatus('t1', 'done');
  await repository.setNote('t1', 'checked 👍');
  const at = now();
  const stamp = (id: string, itemId: string, projectId: string) => ({
    id,
    itemId,
    projectId,
    annotator: '0123456789abcdef',
    createdAt: at,
    updatedAt: at,
  });
  await repository.applyAnnotations([
    {
      ...stamp('a1', 't1', first.id),
      type: 'span',
      label: 'person',
      start: 0,
      end: 3,
      text: 'Ada',
    },
    { ...stamp('a2', 't1', first.id), type: 'class', label: 'urgent' },
    {
      ...stamp('a3', 'i1', first.id),
      type: 'box',
      label: 'house',
      x: 1,
      y: 2,
      w: 10,
      h: 8,
    },
    { ...stamp('a4', 'i2', second.id), type: 'class', label: 'house' },
  ]);
  await repository.setSetting('annotatorId', '0123456789abcdef');
  await repository.setSetting('lastProject', second.id);
  const key = await generateKeyPair();
  await repository.addSigningKey({
    keyId: 'ABCDEF0123456789',
    publicKey: 'RWTEST-PUBLIC-KEY-LINE',
    privateKey: key.privateKey,
    createdAt: at,
  });
  return { repository, projects: [first, second], png, sha256 };
}

/** Every backed-up table's rows, sorted, for comparing two workspaces. */
/** The snapshot of a workspace with nothing stored. */
export const EMPTY_WORKSPACE = {
  projects: [],
  items: [],
  contents: [],
  annotations: [],
  media: [],
  settings: [],
};

export async function snapshot(repository: Repository) {
  const { db } = repository;
  const byKey = <T>(rows: T[], key: (r: T) => string) =>
    rows.sort((a, b) => key(a).localeCompare(key(b)));
  return {
    projects: byKey(await db.projects.toArray(), (p) => p.id),
    items: byKey(await db.items.toArray(), (i) => i.id),
    contents: byKey(await db.contents.toArray(), (c) => c.id),
    annotations: byKey(await db.annotations.toArray(), (a) => a.id),
    media: byKey(await db.media.toArray(), (m) => m.sha256).map((m) => ({
      ...m,
      bytes: [...new Uint8Array(m.bytes)],
    })),
    settings: byKey(await db.settings.toArray(), (s) => s.key),
  };
}
