import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { exportFormats } from '../src/formats/exports.ts';
import type { Annotation } from '../src/model/annotation.ts';
import type { Item } from '../src/model/item.ts';
import type { Label } from '../src/model/label.ts';
import { tokenize } from '../src/formats/tokenizer.ts';
import { watchMainThread } from './measure.ts';
import { seeded, type Figures } from './workloads.ts';

// Standard formats: importing pre-annotations through the UI, and the pure exporters.

const WORDS = 'Ada met Grace in Zürich at Acme Research 東京 שלום 👩🏽‍💻 🇨🇭 café naïve'.split(' ');
const LABELS = ['Person', 'Place', 'Organization'];

function text(random: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/** Spans on distinct whole tokens, as code point offsets, with their covered text. */
function spansOf(random: () => number, body: string, count: number) {
  const tokens = tokenize(body);
  const chars = [...body];
  const picked = new Set<number>();
  while (picked.size < Math.min(count, tokens.length))
    picked.add(Math.floor(random() * tokens.length));
  return [...picked].map((i) => {
    const t = tokens[i]!;
    return {
      start: t.start,
      end: t.end,
      label: LABELS[Math.floor(random() * 3)]!,
      text: chars.slice(t.start, t.end).join(''),
    };
  });
}

/** 10,000 texts with 5 spans and a class each, imported as spans JSONL into a new project. */
export async function importAnnotations(page: Page, dir: string): Promise<Figures> {
  const random = seeded(6);
  const lines = Array.from({ length: 10_000 }, (_, i) => {
    const body = `${i} ${text(random, 40)}`;
    return JSON.stringify({
      id: `doc-${i}`,
      text: body,
      spans: spansOf(random, body, 5),
      classes: ['Urgent'],
    });
  });
  const path = join(dir, 'spans-10k.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);

  const bench = new Workbench(page);
  await bench.createProject('Bench: import annotations');
  await bench.tab('Import').click();
  await page.getByLabel('Choose annotation files…').setInputFiles(path);
  const dialog = page.getByRole('dialog', { name: 'Map categories to labels' });
  await dialog.waitFor();
  const stop = await watchMainThread(page);
  const started = Date.now();
  await dialog.getByRole('button', { name: 'Import annotations' }).click();
  const summary = page.getByRole('region', { name: 'Annotation import summary' });
  await summary.waitFor({ timeout: 600_000 });
  const elapsed = Date.now() - started;
  const main = await stop();
  const said = (await summary.textContent()) ?? '';
  if (!said.includes('60,000 annotations added to 10,000 items'))
    throw new Error(`unexpected summary: ${said}`);
  return {
    texts: 10_000,
    annotations: 60_000,
    secondsAfterCategoryAnswer: Math.round(elapsed / 100) / 10,
    annotationsPerSecond: Math.round((60_000 / elapsed) * 1000),
    longestMainThreadBlockMs: main.longestTaskMs,
    frameIntervalMsDuringImport: { p50: main.frames.p50, p95: main.frames.p95 },
  };
}

/** formatExports over 10,000 texts (50,000 spans) and 1,000 images (10,000 boxes), in Node. */
export function exportFormatsInNode(): Promise<Figures> {
  const random = seeded(7);
  const at = '2026-01-01T00:00:00.000Z';
  const labels: Label[] = [
    ...LABELS.map((name) => ({ id: name, name, color: '#e6194b', kinds: ['span' as const] })),
    { id: 'car', name: 'car', color: '#4363d8', kinds: ['box', 'polygon'] },
  ];
  const items: Item[] = [];
  const annotations: Annotation[] = [];
  const base = (itemId: string, label: string, n: number) => ({
    id: `${itemId}-${n}`,
    projectId: 'p',
    itemId,
    label,
    annotator: 'bench',
    createdAt: at,
    updatedAt: at,
  });
  for (let i = 0; i < 10_000; i++) {
    const body = `${i} ${text(random, 40)}`;
    items.push({
      id: `t${i}`,
      projectId: 'p',
      seq: i,
      kind: 'text',
      name: `doc-${i}`,
      text: body,
      sha256: '0'.repeat(64),
      status: 'done',
      note: '',
      createdAt: at,
      updatedAt: at,
    });
    spansOf(random, body, 5).forEach((s, k) =>
      annotations.push({
        ...base(`t${i}`, s.label, k),
        type: 'span',
        start: s.start,
        end: s.end,
        text: s.text,
      }),
    );
  }
  for (let i = 0; i < 1000; i++) {
    const [w, h] = [1000 + Math.floor(random() * 3000), 800 + Math.floor(random() * 2000)];
    items.push({
      id: `i${i}`,
      projectId: 'p',
      seq: 10_000 + i,
      kind: 'image',
      name: `img-${i}.jpg`,
      mediaType: 'image/jpeg',
      width: w,
      height: h,
      byteLength: 1,
      sha256: '0'.repeat(64),
      status: 'done',
      note: '',
      createdAt: at,
      updatedAt: at,
    });
    for (let k = 0; k < 10; k++) {
      annotations.push({
        ...base(`i${i}`, 'car', k),
        type: 'box',
        x: random() * w * 0.8,
        y: random() * h * 0.8,
        w: random() * w * 0.2,
        h: random() * h * 0.2,
      });
    }
  }
  const project = { id: 'p', name: 'Bench', labels, classGroups: [], createdAt: at, updatedAt: at };
  const started = performance.now();
  const { files } = exportFormats({ project, items, annotations });
  const ms = performance.now() - started;
  const bytes = files.reduce((n, f) => n + f.data.byteLength, 0);
  return Promise.resolve({
    items: items.length,
    annotations: annotations.length,
    files: files.length,
    megabytes: Math.round(bytes / 1e5) / 10,
    seconds: Math.round(ms / 100) / 10,
    annotationsPerSecond: Math.round((annotations.length / ms) * 1000),
  });
}
