import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AirlockDB, SCHEMA_VERSIONS } from '../../../src/storage/db.ts';
import { Repository } from '../../../src/storage/repository.ts';
import * as v1 from './fixtures/v1.ts';
import * as v2 from './fixtures/v2.ts';
import * as v3 from './fixtures/v3.ts';
import * as v4 from './fixtures/v4.ts';
import * as v5 from './fixtures/v5.ts';
import { conversation } from '../../factories/conversations.ts';
import { imageItem, textItem } from '../../factories/annotations.ts';
import type { Item } from '../../../src/model/item.ts';

const FIXTURES = [v1, v2, v3, v4, v5];

describe('schema upgrades', () => {
  it('has a fixture for every past schema version', () => {
    expect(FIXTURES.map((f) => f.version)).toEqual(SCHEMA_VERSIONS.map((v) => v.version));
    for (const fixture of FIXTURES) {
      expect(fixture.stores).toEqual(
        SCHEMA_VERSIONS.find((v) => v.version === fixture.version)?.stores,
      );
    }
  });

  for (const fixture of FIXTURES) {
    it(`opens a version ${fixture.version} workspace with the current code, data intact`, async () => {
      const name = `upgrade-from-v${fixture.version}`;
      // Write the fixture with a database declared exactly as that version was.
      const old = new Dexie(name);
      old.version(fixture.version).stores(fixture.stores);
      await old.open();
      for (const [table, rows] of Object.entries<readonly unknown[]>(fixture.data))
        await old.table(table).bulkAdd([...rows]);
      old.close();

      const repo = new Repository(new AirlockDB(name));
      const [summary] = await repo.listProjects();
      expect(summary).toMatchObject({
        total: fixture.data.items.length,
        done: fixture.data.items.length,
        project: { name: `Fixture v${fixture.version}` },
      });
      const [item] = await repo.getItems(['i1']);
      expect(item).toMatchObject({ kind: 'text', text: 'Ada 👩🏽‍💻', note: 'checked' });
      if ('contents' in fixture.data) {
        expect(await repo.getItems(['c1'])).toMatchObject([
          { kind: 'conversation', responses: [{ id: 'r1', content: 'This one.' }] },
        ]);
      }
      expect(await repo.annotationsOf('i1')).toMatchObject([{ type: 'span', start: 0, end: 3 }]);
      expect(await repo.signingKeys()).toEqual([]);
      // Previews kept as stored; a workspace from before them opens with none (made on open).
      const previews = 'previews' in fixture.data ? fixture.data.previews : [];
      expect(await repo.db.previews.toArray()).toEqual(previews);
      expect(repo.db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
      repo.db.close();
    });
  }

  it('moves the conversations of a version 4 workspace apart, page after page', async () => {
    const name = 'upgrade-contents';
    const items: Item[] = [];
    for (let i = 0; i < 150; i++) {
      items.push(textItem(`t${i}.txt`, `text ${i} 👩🏽‍💻`));
      items.push(
        conversation(
          `c${i}`,
          [{ role: 'user', content: `q${i}` }],
          [
            { id: 'a', content: `answer ${i}`, model: 'm1' },
            { id: 'b', content: `other ${i}` },
          ],
        ),
      );
      items.push(imageItem(`i${i}.png`, 10, 20));
    }
    const old = new Dexie(name);
    old.version(v4.version).stores(v4.stores);
    await old.open();
    await old.table('projects').bulkAdd(v4.data.projects.map((p) => ({ ...p, id: 'project-1' })));
    await old.table('items').bulkAdd(items);
    old.close();

    const repo = new Repository(new AirlockDB(name));
    const ids = items.map((i) => i.id);
    expect(await repo.getItems(ids)).toEqual(items);
    // Conversations' rows no longer hold their messages; texts keep theirs, images have none.
    const rows = await repo.db.items.toArray();
    expect(rows).toHaveLength(450);
    for (const row of rows) {
      expect(row).not.toHaveProperty('context');
      expect(row).not.toHaveProperty('responses');
    }
    expect(rows.filter((row) => 'text' in row)).toHaveLength(150);
    expect(await repo.db.contents.count()).toBe(150);
    repo.db.close();
  });
});
