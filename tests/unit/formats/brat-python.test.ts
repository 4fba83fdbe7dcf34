import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatExports } from '../../../src/formats/exports.ts';
import { label, project, spanOver, textItem } from '../../factories/annotations.ts';

// brat's offsets as brat itself reads them: Python 3 slicing the .txt (check_brat.py).

const script = join(dirname(fileURLToPath(import.meta.url)), 'check_brat.py');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('brat export read by Python', () => {
  it('slices the same text at every offset, past emoji, flags and CRLF', () => {
    const person = label('Person', ['span']);
    const place = label('Place of birth', ['span']);
    const item = textItem('memo.txt', 'Dr. 👩🏽‍⚕️ Ada met\r\nGrace in 🇬🇧 London 𝒳.');
    const spans = [
      spanOver(item, person.id, 'Ada'),
      spanOver(item, person.id, 'met\r\nGrace'),
      spanOver(item, place.id, 'London 𝒳'),
    ];
    const files = formatExports({
      project: project([person, place]),
      items: [item],
      annotations: spans,
    });
    dir = mkdtempSync(join(tmpdir(), 'airlock-brat-'));
    for (const f of files.filter((f) => f.path.startsWith('exports/brat/'))) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
    const read = JSON.parse(
      execFileSync('python3', [script, join(dir, 'exports/brat')], { encoding: 'utf8' }),
    ) as Record<string, [string, number, number, string, boolean][]>;
    expect(read['memo.ann']).toEqual(
      spans.map((s) => [
        s.label === person.id ? 'Person' : 'Place_of_birth',
        s.start,
        s.end,
        s.text,
        true,
      ]),
    );
  });
});
