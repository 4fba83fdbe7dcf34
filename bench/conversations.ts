import { createWriteStream, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { Workbench } from '../tests/e2e/pages/workbench.ts';
import { distribution, watchMainThread } from './measure.ts';
import { seeded, type Figures } from './workloads.ts';
import { exportAnswered, rankingDrag } from './conversation-answers.ts';
import { checkCeiling, storeCeiling } from './check-ceiling.ts';

// Feedback on model outputs at a lab's scale: conversations with 4 responses of ~1,500 words
// each, imported, opened, answered and moved on from through the real view. The first
// conversation's response A is a 20,000-character Markdown answer. Files of 2,500
// conversations (one file may be 100 MiB at most); each file lands whole or not at all.

const WORDS =
  'the model answers with care but may hallucinate facts about Zürich 東京 and café prices while citing sources'.split(
    ' ',
  );

/** ~`words` words of Markdown: paragraphs, a list, a code block and a table now and then. */
function response(random: () => number, words: number): string {
  const parts: string[] = [];
  let n = 0;
  while (n < words) {
    const kind = random();
    if (kind < 0.1) parts.push('```python\nprint(sorted(xs, reverse=True))\n```');
    else if (kind < 0.15) parts.push('| way | result |\n|---|---|\n| a | 1 |\n| b | 2 |');
    else if (kind < 0.25) parts.push('- first point\n- second **point**\n- third point');
    const length = 40 + Math.floor(random() * 60);
    parts.push(
      Array.from({ length }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ') + '.',
    );
    n += length + 8;
  }
  return parts.join('\n\n');
}

const nameOf = (i: number) => `conv-${String(i).padStart(5, '0')}`;

/** Conversations a file: about 88 MB, under the importer's 100 MiB limit for one file. */
const PER_FILE = 2_500;

/** Writes the conversations as JSONL files of PER_FILE lines; returns their paths. */
async function writeConversations(dir: string, count: number): Promise<string[]> {
  const random = seeded(16);
  const paths: string[] = [];
  for (let first = 0; first < count; first += PER_FILE) {
    const path = join(dir, `conversations-${paths.length + 1}.jsonl`);
    paths.push(path);
    const out = createWriteStream(path);
    for (let i = first; i < Math.min(count, first + PER_FILE); i++) {
      const responses = Array.from({ length: 4 }, (_, r) => ({
        id: `r${r + 1}`,
        model: `model-${r + 1}`,
        content: response(random, 1500),
      }));
      // The first one's A is cut at 20,000 characters: the long Markdown response.
      if (i === 0) responses[0]!.content = responses[0]!.content.slice(0, 20_000);
      const line = JSON.stringify({ id: nameOf(i), prompt: `Question ${i}?`, responses });
      if (!out.write(line + '\n'))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
  }
  return paths;
}

/**
 * Times from the next pointer press (`trigger` "pointerdown") or press of key `trigger`
 * until the frame that shows item `name`.
 */
async function armPainted(page: Page, name: string, trigger: string): Promise<void> {
  await page.evaluate(
    ({ name, trigger }) => {
      const w = window as unknown as { __painted: Promise<number> };
      w.__painted = new Promise((resolve) => {
        const start = (event: Event) => {
          if (trigger !== 'pointerdown' && (event as KeyboardEvent).key !== trigger) return;
          removeEventListener(event.type, start, true);
          const started = performance.now();
          const check = () => {
            const article = document.querySelector(`article[aria-label="Item ${name}"]`);
            if (article?.querySelector('section[aria-label^="Response A"] .body > *'))
              requestAnimationFrame(() => resolve(performance.now() - started));
            else requestAnimationFrame(check);
          };
          check();
        };
        addEventListener(trigger === 'pointerdown' ? 'pointerdown' : 'keydown', start, true);
      });
    },
    { name, trigger },
  );
}

const painted = (page: Page) =>
  page.evaluate(() => (window as unknown as { __painted: Promise<number> }).__painted);

/**
 * On items `from` to `to` - 1 in turn, a preference by key (A slightly better), then `go` to
 * the next: each timed from the '3' until the next item is painted.
 */
async function answerAndGo(page: Page, from: number, to: number, go: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = from; i < to; i++) {
    await armPainted(page, nameOf(i + 1), '3');
    await page.keyboard.press('3');
    await page.keyboard.press(go);
    times.push(await painted(page));
  }
  return times;
}

export async function conversations(page: Page, dir: string, count: number): Promise<Figures> {
  const bench = new Workbench(page);
  await bench.createProject('Bench: conversations');
  // The sample's questions (preference, ranking, ratings, flags, rationale, rewrite).
  await bench.tab('Import').click();
  await page.getByRole('button', { name: 'Add sample conversations to judge' }).click();
  await page.getByText('3 conversations added, with their questions.').waitFor();

  const paths = await writeConversations(dir, count);
  await bench.chooseFiles(paths);
  await page.getByRole('radio', { name: /a conversation with model responses/ }).check();
  const stop = await watchMainThread(page);
  const started = Date.now();
  await page.getByRole('button', { name: /^Import [\d,]+ files?$/ }).click();
  const summary = page.getByRole('region', { name: 'Import summary' });
  await summary.waitFor({ timeout: 3_600_000 });
  const seconds = (Date.now() - started) / 1000;
  const main = await stop();
  const text = (await summary.textContent()) ?? '';
  const added = Number(/([\d,]+) items? added/.exec(text)?.[1]?.replaceAll(',', '') ?? 0);
  if (added !== count) throw new Error(`import did not add ${count} conversations: ${text}`);

  // The 20,000-character Markdown response, then open times alternating two items.
  await bench.tab('Items').click();
  await armPainted(page, nameOf(0), 'pointerdown');
  await bench.item(nameOf(0)).click();
  const longMarkdownMs = await painted(page);
  // Rows in view of the (virtual) list: 1 to 8, five times, so that p95 is not just the
  // slowest one or two.
  const opens: number[] = [];
  for (let i = 0; i < 40; i++) {
    const name = nameOf((i % 8) + 1);
    await armPainted(page, name, 'pointerdown');
    await bench.item(name).click();
    opens.push(await painted(page));
  }

  // A preference by key (A slightly better), then Page Down to the next item.
  const answers = await answerAndGo(page, 8, 68, 'PageDown');
  // The same, marked done with Ctrl+Enter (done and next), once "Why" is no longer required
  // (the preference is then the one question Done waits for).
  await bench.tab('Labels').click();
  await page.getByLabel('Why required').uncheck();
  await bench.tab('Items').click();
  await page.getByRole('article', { name: `Item ${nameOf(68)}` }).waitFor();
  const doneAnswers = await answerAndGo(page, 68, 98, 'Control+Enter');
  // A ranking dragged (the item open now), then a bundle of every conversation answered.
  const dragFrames = await rankingDrag(page);
  // The same files only checked, then only stored: the least any import does.
  const ceiling = await checkCeiling(page.context(), paths, count);
  const storeOnly = await storeCeiling(page, paths, count);
  for (const path of paths) rmSync(path);
  // An export that fails is reported with its reason; the figures before it are kept.
  const exported = await exportAnswered(page, bench, 'Bench: conversations').catch(
    (error: unknown) => ({ failed: error instanceof Error ? error.message : String(error) }),
  );
  const open = distribution(opens);
  const answer = distribution(answers);
  const done = distribution(doneAnswers);
  return {
    conversations: count,
    responsesPerConversation: 4,
    importSeconds: Math.round(seconds * 10) / 10,
    importConversationsPerSecond: Math.round(count / seconds),
    longestMainThreadBlockMsDuringImport: main.longestTaskMs,
    checkOnlyConversationsPerSecond: { ...ceiling },
    storeOnlyConversationsPerSecond: storeOnly,
    openMs: { n: open.n, p50: open.p50, p95: open.p95, max: open.max },
    answerPreferenceAndNextMs: { n: answer.n, p50: answer.p50, p95: answer.p95, max: answer.max },
    answerPreferenceDoneAndNextMs: { n: done.n, p50: done.p50, p95: done.p95, max: done.max },
    markdown20kCharsPaintedMs: Math.round(longMarkdownMs),
    rankingDragFrameMs: { p50: dragFrames.p50, p95: dragFrames.p95, max: dragFrames.max },
    // A signed bundle through the Export tab (whole project: native records of every
    // conversation and the four conversation files), to the saved file.
    ...('failed' in exported
      ? { exportFailed: exported.failed }
      : {
          exportSignedBundleSeconds: exported.seconds,
          exportedConversationsAnswered: exported.items,
          exportBundleMb: exported.bundleMb,
          longestMainThreadBlockMsDuringExport: exported.longestMainThreadBlockMs,
        }),
  };
}
