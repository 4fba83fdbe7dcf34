import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatExports } from '../../../src/formats/exports.ts';
import { SAMPLE_TEXTS } from '../../../src/sample/sample-texts.ts';
import {
  box,
  imageItem,
  label,
  polygon,
  project,
  span,
  textItem,
} from '../../factories/annotations.ts';
import type { Annotation } from '../../../src/model/annotation.ts';
import { tokenize } from '../../../src/formats/tokenizer.ts';
import { offsetCases } from '../model/offset-cases.ts';

// The exports as a lab's pipeline reads them: Python (standard library only) slices the text
// with text[start:end], rebuilds CoNLL entities and indexes COCO like pycocotools does.
// CI has python3 (.ci/run installs it when missing).

const script = join(dirname(fileURLToPath(import.meta.url)), 'check_exports.py');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('exports read by Python', () => {
  it('agree with Python on every offset, token and box', () => {
    const person = label('Person', ['span']);
    const place = label('Place of birth', ['span']);
    const car = label('Car', ['box', 'polygon']);
    const texts = [
      ...SAMPLE_TEXTS.map((t) => textItem(t.name, t.text)),
      ...offsetCases
        .filter((c) => c.codePoints > 0 && !/lone/.test(c.name))
        .map((c) => textItem(c.name, c.text)),
    ];
    // A span on every whole token, alternating labels: all of them must survive into CoNLL.
    const annotations: Annotation[] = texts.flatMap((item) =>
      tokenize(item.text).map((t, i) => span(item, i % 2 ? person.id : place.id, t.start, t.end)),
    );
    const img = imageItem('photo.png', 333, 77);
    annotations.push(box(img, car.id, 0, 0, 333, 77), box(img, car.id, 332.5, 76.5, 0.5, 0.5));
    annotations.push(
      polygon(img, car.id, [
        [1, 1],
        [20, 1],
        [5, 70],
      ]),
    );
    const files = formatExports({
      project: project([person, place, car]),
      items: [...texts, img],
      annotations,
    });
    dir = mkdtempSync(join(tmpdir(), 'airlock-exports-'));
    for (const f of files) {
      const path = join(dir, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.data);
    }
    const spans = annotations.filter((a) => a.type === 'span').length;
    const found = JSON.parse(
      execFileSync('python3', [script, join(dir, 'exports')], { encoding: 'utf8' }),
    ) as unknown;
    expect(found).toEqual({ spans, conll_entities: spans, coco: [1, 3, 1], yolo_boxes: 2 });
  });
});
