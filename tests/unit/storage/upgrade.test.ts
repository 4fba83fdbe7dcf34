import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { AirlockDB, SCHEMA_VERSIONS } from '../../../src/storage/db.ts';
import { Repository } from '../../../src/storage/repository.ts';
import * as v1 from './fixtures/v1.ts';
import * as v2 from './fixtures/v2.ts';
import * as v3 from './fixtures/v3.ts';
import * as v4 from './fixtures/v4.ts';

const FIXTURES = [v1, v2, v3, v4];

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
        total: 1,
        done: 1,
        project: { name: `Fixture v${fixture.version}` },
      });
      const [item] = await repo.getItems(['i1']);
      expect(item).toMatchObject({ kind: 'text', text: 'Ada 👩🏽‍💻', note: 'checked' });
      expect(await repo.annotationsOf('i1')).toMatchObject([{ type: 'span', start: 0, end: 3 }]);
      expect(await repo.signingKeys()).toEqual([]);
      // Previews kept as stored; a workspace from before them opens with none (made on open).
      const previews = 'previews' in fixture.data ? fixture.data.previews : [];
      expect(await repo.db.previews.toArray()).toEqual(previews);
      expect(repo.db.verno).toBe(SCHEMA_VERSIONS.at(-1)?.version);
      repo.db.close();
    });
  }
});
