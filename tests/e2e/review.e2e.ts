import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, screenshot } from './harness.ts';
import { appSuite } from './suite.ts';
import type { Download } from 'playwright-core';
import type { Workbench } from './pages/workbench.ts';
import { rebuild } from '../factories/bundle.ts';
import { signedWith } from '../factories/signed.ts';
import { generateKeyPair } from '../../src/bundle/signing.ts';
import { encodePublicKey } from '../../src/bundle/minisign.ts';
import type { Project } from '../../src/model/project.ts';

// A lead hands out signed task packages, two labelers open them in their own browsers (trust
// on first use of the lead's key), label and send signed bundles back; the lead's intake
// refuses what does not fit, keeps an older bundle aside, accepts unanimous items in bulk,
// rejects one, and signs an "accepted only" result that the CLI and minisign verify.

const suite = appSuite();
const dir = mkdtempSync(join(tmpdir(), 'airlock-e2e-review-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Without the File System Access API, so bundles arrive as downloads. */
async function open(): Promise<Workbench> {
  const bench = await suite.open();
  // Reloading before the sample project is stored would cut it short.
  await bench.projects.waitFor();
  await bench.withoutSavePicker();
  await bench.reload();
  return bench;
}

/** Exports a signed bundle, saved as `name` with its archive signature `name.minisig` beside it. */
async function exportBundle(bench: Workbench, name: string): Promise<string> {
  await bench.tab('Export').click();
  const downloads: Download[] = [];
  const collect = (d: Download) => downloads.push(d);
  bench.page.on('download', collect);
  await bench.page.getByRole('button', { name: 'Export bundle…' }).click();
  await expect.poll(() => downloads.length, { timeout: 60_000 }).toBe(2);
  bench.page.off('download', collect);
  const [bundle, signature] = downloads as [Download, Download];
  expect(signature.suggestedFilename()).toBe(`${bundle.suggestedFilename()}.minisig`);
  const path = join(dir, name);
  await bundle.saveAs(path);
  await signature.saveAs(`${path}.minisig`);
  return path;
}

/** A labeler opens their package (trusting the lead's key the first time) and labels. */
async function openPackage(
  bench: Workbench,
  pkg: string,
  leadKey: string,
  items = 9,
): Promise<void> {
  await bench.projects.getByLabel('Open a task package').setInputFiles(pkg);
  const ask = bench.page.getByRole('dialog', { name: "Trust this lead's key?" });
  await expect.poll(() => ask.textContent()).toContain(leadKey);
  await ask.getByRole('button', { name: 'Trust and open' }).click();
  await expect
    .poll(() => bench.projects.getByRole('status').textContent())
    .toMatch(new RegExp(`${items} items added .*signed by Lead`));
}

/** The lead trusts the labelers' keys and hands out one signed package each, all items shared. */
async function handOut(
  lead: Workbench,
  labelers: [name: string, pub: string][],
  shared: number,
): Promise<string[]> {
  const page = lead.page;
  await lead.tab('Review').click();
  for (const [name, pub] of labelers) {
    await page.getByLabel("Labeler's name").fill(name);
    await page.getByLabel('Add a public key (.pub)').setInputFiles(pub);
    await expect
      .poll(() => page.getByRole('region', { name: 'Trusted labelers' }).textContent())
      .toContain(`${name} (`);
  }
  const form = page.getByRole('form', { name: 'Make task packages' });
  for (const [name] of labelers) await form.getByLabel(name).check();
  await form.getByLabel('Items shared by all batches').fill(String(shared));
  const packages: string[] = [];
  const save = (d: Download) => {
    const path = join(dir, d.suggestedFilename());
    void d.saveAs(path).then(() => packages.push(path));
  };
  page.on('download', save);
  await form.getByRole('button', { name: 'Make task packages' }).click();
  await expect.poll(() => packages.length).toBe(labelers.length);
  page.off('download', save);
  return labelers.map(([name]) => packages.find((p) => p.endsWith(`-${name.toLowerCase()}.zip`))!);
}

async function label(bench: Workbench, spans: string[], tone?: 'p' | 'x'): Promise<void> {
  const page = bench.page;
  await bench.tab('Items').click();
  await bench.item('launch-memo.txt').click();
  for (const words of spans) {
    await bench.dragOver(words);
    await page.keyboard.press('1');
    await page.getByRole('button', { name: `Person: ${words}` }).waitFor();
  }
  if (tone) await page.keyboard.press(tone);
  await page.keyboard.press('Control+Enter');
}

/** Both labelers agree on this one: Positive, done. */
async function agreeOnTokyo(bench: Workbench): Promise<void> {
  await bench.tab('Items').click();
  await bench.item('tokyo-lab.txt').click();
  await bench.page.keyboard.press('p');
  await bench.page.keyboard.press('Control+Enter');
}

function records(file: string) {
  const out = mkdtempSync(join(dir, 'unzip-'));
  execFileSync('unzip', ['-q', file, '-d', out]);
  return {
    dir: out,
    lines: readFileSync(join(out, 'annotations.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(
        (l) =>
          JSON.parse(l) as {
            item: { id: string; name: string; sha256: string; kind: string };
            review?: { status: string; comment: string; by: string };
            annotations: { type: string; text?: string }[];
          },
      ),
  };
}

describe('review', () => {
  it('signed packages out, checked bundles in, older kept aside, bulk accept, accepted-only result signed', async () => {
    const ada = await open();
    const grace = await open();
    await ada.setUpSigning('Ada');
    await grace.setUpSigning('Grace');
    const adaPub = await ada.downloadPub(dir, 'ada.pub');
    const gracePub = await grace.downloadPub(dir, 'grace.pub');

    // The lead trusts both labelers and hands out one signed package each.
    const lead = await open();
    const leadKey = await lead.setUpSigning('Lead');
    const page = lead.page;
    const [forAda, forGrace] = (await handOut(
      lead,
      [
        ['Ada', adaPub],
        ['Grace', gracePub],
      ],
      9,
    )) as [string, string];
    const made = page.getByRole('region', { name: 'Hand out work' }).getByRole('status');
    await expect
      .poll(() => made.textContent())
      .toMatch(/task-2-of-2-grace\.zip: 9 items for Grace/);
    await expect.poll(() => readFileSync(forGrace).length).toBeGreaterThan(1000);

    // A package edited in transit is refused, before anyone is asked to trust anything.
    const tampered = join(dir, 'tampered-task.zip');
    writeFileSync(
      tampered,
      await rebuild(readFileSync(forAda), (entries) => {
        const items = new TextDecoder().decode(entries.get('items.jsonl'));
        entries.set('items.jsonl', new TextEncoder().encode(items.replace('video', 'VIDEO')));
      }),
    );
    await ada.projects.getByLabel('Open a task package').setInputFiles(tampered);
    await expect
      .poll(() => ada.projects.getByRole('alert').textContent())
      .toMatch(/tampered-task\.zip was not opened: items\.jsonl: SHA-256 does not match/);

    await openPackage(ada, forAda, leadKey);
    await label(ada, ['Ada Lovelace'], 'p');
    const adaOld = await exportBundle(ada, 'ada-old.zip');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // signing times are in seconds
    await label(ada, ['Grace Hopper']);
    await agreeOnTokyo(ada);
    const adaNew = await exportBundle(ada, 'ada-new.zip');

    await openPackage(grace, forGrace, leadKey);
    await label(grace, ['Grace Hopper'], 'x');
    await agreeOnTokyo(grace);
    const graceBundle = await exportBundle(grace, 'grace.zip');

    // Mallory is trusted too, but her bundle puts a span past the end of a text.
    const { lines } = records(adaNew);
    const memo = lines.find((l) => l.item.name === 'launch-memo.txt')!;
    const mallory = await generateKeyPair();
    const malloryPub = join(dir, 'mallory.pub');
    writeFileSync(
      malloryPub,
      encodePublicKey({ ...mallory, untrustedComment: 'untrusted comment: Mallory' }),
    );
    const manifest = JSON.parse(
      readFileSync(join(records(adaNew).dir, 'manifest.json'), 'utf8'),
    ) as { project: { id: string; name: string; labels: { id: string; name: string }[] } };
    const person = manifest.project.labels.find((l) => l.name === 'Person')!.id;
    const bad = join(dir, 'mallory.zip');
    const stamp = { annotator: 'M', created_at: 't', updated_at: 't' };
    writeFileSync(
      bad,
      await signedWith(
        mallory,
        {
          id: manifest.project.id,
          name: manifest.project.name,
          labels: [],
          classGroups: [],
        } as unknown as Project,
        JSON.stringify({
          item: memo.item,
          status: 'done',
          annotations: [
            { id: 'm1', type: 'span', label: person, start: 500, end: 520, text: 'x', ...stamp },
          ],
        }) + '\n',
      ),
    );
    await page.bringToFront();
    await page.getByLabel("Labeler's name").fill('Mallory');
    await page.getByLabel('Add a public key (.pub)').setInputFiles(malloryPub);
    await expect
      .poll(() => page.getByRole('region', { name: 'Trusted labelers' }).textContent())
      .toContain('Mallory (');

    // Intake: the good bundles land, Mallory's is refused alone with its reason.
    // Ada's archive signature comes with her bundle and is checked over the whole archive.
    const receive = page.getByLabel(/^Receive signed bundles/);
    await receive.setInputFiles([adaNew, `${adaNew}.minisig`, graceBundle, bad]);
    const received = page.getByRole('list', { name: 'Received files' });
    await expect
      .poll(() => received.textContent())
      .toMatch(
        /Accepted\s*ada-new\.zip: signed by Ada.*Accepted\s*grace\.zip: signed by Grace.*Refused\s*mallory\.zip: annotations\.jsonl line 1: .*past the text/s,
      );
    // Ada's older bundle, received after her newer one, is kept aside and not counted.
    await receive.setInputFiles([adaOld]);
    await expect
      .poll(() => received.textContent())
      .toMatch(/older than ada-new\.zip, so kept aside/);
    const bundles = page.getByRole('table', { name: 'Bundles received' });
    await expect
      .poll(() => bundles.getByRole('row').filter({ hasText: 'ada-old.zip' }).textContent())
      .toContain('no: older than ada-new.zip, kept aside');

    // Agreement as a matrix: Ada 2 spans, Grace 1, 1 in common → exact F1 0.667.
    const f1 = page.getByRole('table', { name: 'Spans: Exact-match F1' });
    await expect
      .poll(() => f1.getByRole('row').filter({ hasText: /^Ada/ }).textContent())
      .toContain('0.667');
    await f1.scrollIntoViewIfNeeded();
    await screenshot(page, 'review-matrix');

    // Bulk accept: both chose Positive on tokyo-lab.txt and nothing else.
    await page.getByRole('button', { name: 'Accept all items where everyone agrees (1)' }).click();
    await expect
      .poll(() =>
        page.getByRole('region', { name: 'Adjudicate' }).getByRole('status').textContent(),
      )
      .toBe('1 items where everyone agreed accepted');

    // The memo: Ada's version, then rejected with a comment.
    await page.getByLabel('Only disagreements').check();
    const items = page.getByRole('list', { name: 'Items to review' });
    await items.getByRole('button', { name: /launch-memo/ }).click();
    // Each labeler's spans are highlighted in the text.
    const adaSpans = page.getByLabel("Ada's annotations").locator('mark');
    await expect.poll(() => adaSpans.allTextContents()).toEqual(['Ada Lovelace', 'Grace Hopper']);
    const graceSpans = page.getByLabel("Grace's annotations").locator('mark');
    await expect.poll(() => graceSpans.allTextContents()).toEqual(['Grace Hopper']);
    // Class rows name their class: Ada's Positive and Grace's Negative are told apart.
    await page.getByRole('button', { name: 'Accept Positive class from Ada' }).waitFor();
    await page.getByRole('button', { name: 'Accept Negative class from Grace' }).waitFor();
    await page.getByRole('button', { name: "Accept Ada's version" }).click();
    const result = page.getByRole('region', { name: 'Result' });
    await expect.poll(() => result.getByRole('listitem').count()).toBe(3);
    await page.getByRole('group', { name: 'Review' }).getByLabel('Comment').fill('Tone wrong');
    await page.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect
      .poll(() =>
        page.getByRole('button', { name: 'Reject', exact: true }).getAttribute('aria-pressed'),
      )
      .toBe('true');
    await screenshot(page, 'review-adjudicated');

    // The signed result, accepted items only: the memo is not in it; the verdict travels.
    await lead.tab('Export').click();
    await page.getByLabel(/Accepted items only/).check();
    const out = await lead.download(dir, () =>
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    );
    const pub = await lead.downloadPub(dir, 'lead.pub');
    const signed = records(out);
    expect(signed.lines.map((l) => l.item.name)).toEqual(['tokyo-lab.txt']);
    expect(signed.lines[0]!.review).toMatchObject({ status: 'accepted', by: leadKey });
    const verified = execFileSync('node', ['bin/airlock.mjs', 'verify', out, '--keys', pub], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(verified).toMatch(new RegExp(`^OK .*key ${leadKey}`));
    const minisign = execFileSync(
      'minisign',
      [
        '-V',
        '-p',
        pub,
        '-m',
        join(signed.dir, 'manifest.json'),
        '-x',
        join(signed.dir, 'manifest.json.minisig'),
      ],
      { encoding: 'utf8' },
    );
    expect(minisign).toMatch(/Signature and comment signature verified/);
  }, 300_000);

  it('model outputs: packages out, answers back, the disagreement found, one answer accepted in place of another', async () => {
    const ada = await open();
    const grace = await open();
    await ada.setUpSigning('Ada');
    await grace.setUpSigning('Grace');
    const adaPub = await ada.downloadPub(dir, 'ada-judge.pub');
    const gracePub = await grace.downloadPub(dir, 'grace-judge.pub');

    // The lead hands out the sample conversations, with their questions.
    const lead = await open();
    const leadKey = await lead.setUpSigning('Lead');
    const page = lead.page;
    await lead.project('Sample conversations').click();
    await page.getByRole('heading', { name: 'Sample conversations', level: 2 }).waitFor();
    const [forAda, forGrace] = (await handOut(
      lead,
      [
        ['Ada', adaPub],
        ['Grace', gracePub],
      ],
      3,
    )) as [string, string];

    // Each prefers a response by what it says (A and B are shuffled per labeler): they
    // differ on sample-sort and agree on sample-lock.
    const prefer = async (bench: Workbench, name: string, wanted: string) => {
      await bench.tab('Items').click();
      await bench.item(name).click();
      const responseA = bench.page.getByRole('region', { name: 'Response A' });
      await expect.poll(() => responseA.textContent()).not.toBe('');
      const key = (await responseA.textContent())!.includes(wanted) ? '1' : '7';
      await bench.page.keyboard.press(key);
      await expect
        .poll(() =>
          bench.page
            .getByRole('radiogroup', { name: 'Which is better?' })
            .getByRole('radio', { checked: true })
            .textContent(),
        )
        .toMatch(/much better/);
    };
    await openPackage(ada, forAda, leadKey, 3);
    await prefer(ada, 'sample-sort', 'reverse=True');
    await prefer(ada, 'sample-lock', "I can't help");
    const adaBundle = await exportBundle(ada, 'ada-judged.zip');
    await openPackage(grace, forGrace, leadKey, 3);
    await prefer(grace, 'sample-sort', 'bubble sort');
    await prefer(grace, 'sample-lock', "I can't help");
    const graceBundle = await exportBundle(grace, 'grace-judged.zip');

    await page.bringToFront();
    await page.getByLabel(/^Receive signed bundles/).setInputFiles([adaBundle, graceBundle]);
    await expect
      .poll(() => page.getByRole('list', { name: 'Received files' }).textContent())
      .toMatch(/Accepted\s*ada-judged\.zip: signed by Ada.*Accepted\s*grace-judged\.zip/s);

    // Agreement on the answers, as figures and as CSV; no span or class measure to show.
    await page
      .getByText('No classes, spans or shapes from two labelers on the same items')
      .waitFor();
    const csv = await lead.download(dir, () =>
      page.getByRole('button', { name: 'Download these figures (CSV)' }).click(),
    );
    expect(readFileSync(csv, 'utf8')).toMatch(
      /^question,measure,value,n,why undefined\r\nWhich is better\?,κ on choice \(tie a category\),/,
    );

    // Only the item they differ on is a disagreement.
    await page.getByLabel('Only disagreements').check();
    const items = page.getByRole('list', { name: 'Items to review' });
    await expect
      .poll(() => items.getByRole('button').allTextContents())
      .toEqual([expect.stringMatching(/sample-sort.*differs/s)]);
    await items.getByRole('button', { name: /sample-sort/ }).click();
    // The responses the answers name, shown to the lead by their ids.
    await expect
      .poll(() => page.getByRole('region', { name: 'Response r1' }).textContent())
      .toContain('reverse=True');
    // And the order each labeler saw them in, which their "A" and "B" refer to.
    await expect
      .poll(() => page.getByRole('region', { name: 'From Ada' }).textContent())
      .toMatch(/Saw A = r[12], B = r[12]/);
    // Ada's answer accepted, then Grace's in its place: one preference in the result.
    const result = page.getByRole('region', { name: 'Result' });
    await page.getByRole('button', { name: /^Accept Which is better\? .* from Ada$/ }).click();
    await expect
      .poll(() => result.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/r1 better.*from Ada/s)]);
    await page.getByRole('button', { name: /^Accept Which is better\? .* from Grace$/ }).click();
    await expect
      .poll(() => result.getByRole('listitem').allTextContents())
      .toEqual([expect.stringMatching(/r2 better.*from Grace/s)]);
    await page.getByRole('button', { name: 'Mark reviewed' }).click();
    await screenshot(page, 'review-conversation-adjudicated');

    // The signed result holds that one preference, and verifies.
    await lead.tab('Export').click();
    const out = await lead.download(dir, () =>
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    );
    const pub = await lead.downloadPub(dir, 'lead-judge.pub');
    const sort = records(out).lines.find((l) => l.item.name === 'sample-sort')!;
    expect(
      sort.annotations
        .filter((a) => a.type === 'preference')
        .map((a) => (a as { choice?: string }).choice),
    ).toEqual(['r2']);
    expect(
      execFileSync('node', ['bin/airlock.mjs', 'verify', out, '--keys', pub], {
        cwd: ROOT,
        encoding: 'utf8',
      }),
    ).toMatch(new RegExp(`^OK .*key ${leadKey}`));
  }, 300_000);
});
