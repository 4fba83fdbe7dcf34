// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { importConversationFile } from '../../../src/import/conversation-file.ts';
import { parseConversations } from '../../../src/import/conversation-jsonl.ts';
import { CorruptRecordError } from '../../../src/storage/errors.ts';
import { bytesAccess } from '../../../src/bundle/zip-reader.ts';
import type { LineConversationRow } from '../../../src/storage/conversation-lines.ts';
import type { ConversationItem } from '../../../src/model/item.ts';
import type { Repository } from '../../../src/storage/repository.ts';
import { freshRepository } from '../../factories/files.ts';
import { memorySink } from '../../factories/zip.ts';

// Conversations imported from JSONL are stored as their lines (in Blobs, a write batch each)
// and read whole again: exactly what the import read, or refused.

/** 250 lines (three write batches), CRLF endings, text beyond the BMP, one HH-RLHF line. */
const LINES = Array.from({ length: 250 }, (_, i) =>
  i === 7
    ? JSON.stringify({
        chosen: '\n\nHuman: hi 👋\n\nAssistant: yes',
        rejected: '\n\nHuman: hi 👋\n\nAssistant: no',
      })
    : JSON.stringify({
        id: `q${i}`,
        prompt: `Question ${i}: 𝔘𝔫𝔦𝔠𝔬𝔡𝔢?`,
        responses: [
          { id: 'x', model: 'm-1', content: `**A${i}** café 東京\n\n- one\n- two` },
          { id: 'y', content: `B${i} 👩🏽‍💻` },
        ],
      }),
);
const TEXT = `${LINES.join('\r\n')}\r\n`;

async function imported() {
  const repository = freshRepository();
  const project = await repository.createProject('Feedback');
  const bytes = new TextEncoder().encode(TEXT);
  const request = {
    projectId: project.id,
    name: 'c.jsonl',
    bytes,
    field: 'responses',
    seen: new Set<string>(),
  };
  await importConversationFile(repository, request);
  const ids = await repository.itemIds(project.id);
  return { repository, project, ids };
}

/** Stores a changed row as it is, past the repository: what damage on disk would look like. */
const rewrite = (repository: Repository, row: LineConversationRow) => repository.db.items.put(row);

const conversation = (item: unknown) => {
  const { context, responses, name } = item as ConversationItem;
  return { name, context, responses };
};

describe('conversations kept as their source lines', () => {
  it('stores a batch of lines per Blob and reads every conversation back as the import read it', async () => {
    const { repository, project, ids } = await imported();
    expect(await repository.db.sources.where('projectId').equals(project.id).count()).toBe(3);
    const rows = (await repository.db.items.bulkGet(ids)) as LineConversationRow[];
    expect(rows.every((row) => 'line' in row && !('responses' in row))).toBe(true);

    const expected = parseConversations('c.jsonl', TEXT, 'responses').map(conversation);
    expect((await repository.getItems(ids)).map(conversation)).toEqual(expected);
    // One at a time, from the middle of a batch, and ids across batches in any order.
    expect(conversation(await repository.getItem(ids[150]!))).toEqual(expected[150]);
    const picked = [ids[249]!, ids[0]!, ids[120]!];
    expect((await repository.getItems(picked)).map((i) => i.name)).toEqual(['q249', 'q0', 'q120']);
  });

  it('refuses a conversation whose line no longer reads as it did at import, naming it', async () => {
    const { repository, ids } = await imported();
    const row = (await repository.db.items.get(ids[3]!)) as LineConversationRow;
    await rewrite(repository, { ...row, line: { ...row.line, check: (row.line.check + 1) >>> 0 } });
    const read = repository.getItem(row.id);
    await expect(read).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(read).rejects.toThrow(
      `Stored conversation q3 (item ${row.id}) no longer reads as it did when imported.`,
    );
    // A neighbour in the same Blob still reads.
    expect((await repository.getItem(ids[4]!))?.name).toBe('q4');
  });

  it('refuses a conversation whose source is gone, and one whose bytes are not its line', async () => {
    const { repository, ids } = await imported();
    const first = (await repository.db.items.get(ids[0]!)) as LineConversationRow;
    const second = (await repository.db.items.get(ids[1]!)) as LineConversationRow;
    await rewrite(repository, {
      ...second,
      line: { ...second.line, start: second.line.start + 1 },
    });
    await expect(repository.getItem(ids[1]!)).rejects.toThrow(/q1 .* is no longer readable/);
    await repository.db.sources.delete(first.line.id);
    await expect(repository.getItems(ids.slice(0, 3))).rejects.toThrow(
      `Stored conversation q0 (item ${ids[0]}) has lost its source line.`,
    );
  });

  it('lists conversations without reading their lines', async () => {
    const { repository, ids } = await imported();
    await repository.db.sources.clear(); // a list that read them would fail now
    const listed = await repository.listedItems(ids.slice(0, 2));
    expect(listed).toEqual([
      { id: ids[0], name: 'q0', status: 'todo', kind: 'conversation' },
      { id: ids[1], name: 'q1', status: 'todo', kind: 'conversation' },
    ]);
  });

  it('deletes the lines with their project', async () => {
    const { repository, project } = await imported();
    const other = await repository.createProject('Other');
    await importConversationFile(repository, {
      projectId: other.id,
      name: 'o.jsonl',
      bytes: new TextEncoder().encode(LINES[0]),
      field: 'responses',
      seen: new Set(),
    });
    await repository.deleteProject(project.id);
    expect((await repository.db.sources.toArray()).map((s) => s.projectId)).toEqual([other.id]);
  });

  it('backs conversations up whole, and a restore reads them the same', async () => {
    const { repository, project, ids } = await imported();
    const before = await repository.getItems(ids);
    const sink = memorySink();
    await repository.backUp(sink);
    const target = freshRepository();
    await target.restore({ name: 'backup.zip', access: bytesAccess(sink.bytes()) });
    const restored = await target.getItems(await target.itemIds(project.id));
    expect(restored).toEqual(before);
    expect(await target.db.sources.count()).toBe(0);
  });
});
