import { join } from 'node:path';
import type { Page, Locator } from 'playwright-core';

// Page objects: what a labeler sees and does, in their words.

export interface FileToImport {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export class Workbench {
  constructor(readonly page: Page) {}

  get projects(): Locator {
    return this.page.getByRole('navigation', { name: 'Projects' });
  }

  project(name: string): Locator {
    return this.projects.getByRole('button', { name: new RegExp(`^${name}`) });
  }

  get items(): Locator {
    return this.page.getByRole('list', { name: 'Items' });
  }

  item(name: string): Locator {
    return this.items.getByRole('button', {
      name: new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
    });
  }

  get itemText(): Locator {
    return this.page.getByTestId('item-text');
  }

  tab(name: 'Items' | 'Labels' | 'Import' | 'Export' | 'Review'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async createProject(name: string): Promise<void> {
    await this.page.getByLabel('New project').fill(name);
    await this.page.getByRole('button', { name: 'Create' }).click();
    await this.page.getByRole('heading', { name, level: 2 }).waitFor();
  }

  /** Adds a span label in the Labels tab. */
  async addSpanLabel(name: string, hotkey: string): Promise<void> {
    await this.tab('Labels').click();
    const form = this.page.getByRole('form', { name: 'Add a label' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Hotkey').fill(hotkey);
    await form.getByRole('button', { name: 'Add label' }).click();
    await this.page.getByRole('textbox', { name: `Name of ${name}` }).waitFor();
  }

  /** Adds a label in the Labels tab that applies to `kinds` (as the checkboxes name them). */
  async addLabel(name: string, hotkey: string, kinds: string[]): Promise<void> {
    await this.tab('Labels').click();
    const form = this.page.getByRole('form', { name: 'Add a label' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Hotkey').fill(hotkey);
    for (const box of await form.getByRole('checkbox').all()) {
      const kind = (await box.evaluate((el) => el.parentElement?.textContent ?? '')).trim();
      await box.setChecked(kinds.includes(kind));
    }
    await form.getByRole('button', { name: 'Add label' }).click();
    await this.page.getByRole('textbox', { name: `Name of ${name}` }).waitFor();
  }

  /** Chooses files in the Import tab's file picker (paths or in-memory files). */
  async chooseFiles(files: string[] | FileToImport[]): Promise<void> {
    await this.tab('Import').click();
    await this.page.getByLabel('Choose files…').setInputFiles(files);
  }

  /** Starts the import of the chosen files and waits for its summary (benchmarks wait longer). */
  async importChosen(timeout = 60_000): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Import [\d,]+ files?$/ }).click();
    const summary = this.page.getByRole('region', { name: 'Import summary' });
    await summary.waitFor({ timeout });
    return summary;
  }

  /** Drags the mouse across the first occurrence of `words` in the text, as a labeler would. */
  async dragOver(words: string): Promise<void> {
    // The item just clicked may still be opening: wait until its text shows the words.
    await this.itemText
      .locator('.seg', { hasText: words })
      .first()
      .waitFor({ state: 'attached', timeout: 20_000 });
    const box = await this.itemText.evaluate((root, target) => {
      for (const seg of root.querySelectorAll<HTMLElement>('.seg')) {
        const node = seg.firstChild;
        const at = node?.textContent?.indexOf(target) ?? -1;
        if (!node || at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + target.length);
        // A labeler scrolls the words into view before dragging over them.
        seg.scrollIntoView({ block: 'center' });
        const rects = range.getClientRects();
        const first = rects[0]!;
        const last = rects[rects.length - 1]!;
        return {
          x1: first.left + 1,
          y1: first.top + first.height / 2,
          x2: last.right - 1,
          y2: last.top + last.height / 2,
        };
      }
      throw new Error(`"${target}" is not inside one run of the text`);
    }, words);
    await this.page.mouse.move(box.x1, box.y1);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x2, box.y2, { steps: 5 });
    await this.page.mouse.up();
  }

  /** The stored annotations of the open project, read from IndexedDB as the app left them. */
  storedAnnotations(): Promise<
    { type: string; label: string; start?: number; end?: number; text?: string }[]
  > {
    return this.page.evaluate(async () => {
      const open = indexedDB.open('airlock');
      await new Promise((done) => (open.onsuccess = done));
      const request = open.result.transaction('annotations').objectStore('annotations').getAll();
      await new Promise((done) => (request.onsuccess = done));
      open.result.close();
      return (request.result as { createdAt: string }[]).sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      ) as never;
    });
  }

  /** First use of export: the annotator's name, then a signing key made in the browser. */
  async setUpSigning(name: string): Promise<string> {
    await this.tab('Export').click();
    const form = this.page.getByRole('form', { name: 'Set up signing' });
    await form.getByLabel('Your name').fill(name);
    await form.getByRole('button', { name: 'Create signing key' }).click();
    await this.page.getByRole('form', { name: 'Export a signed bundle' }).waitFor();
    return this.keyId();
  }

  /** The key id shown in the sidebar's signing identity button. */
  async keyId(): Promise<string> {
    const text = await this.projects.getByRole('button', { name: /Signing identity/ }).innerText();
    const id = /([0-9A-F]{16})/.exec(text)?.[1];
    if (!id) throw new Error(`no key id in "${text}"`);
    return id;
  }

  get exportResult(): Locator {
    return this.page.getByRole('region', { name: 'Export result' }).first();
  }

  /** The header's note about offline use and new versions. */
  get updateNotice(): Locator {
    return this.page.getByRole('status').filter({ hasText: /offline|version|Reload/ });
  }

  /** The header's "Saving…" / "Saved": an edit is durable once it says Saved. */
  get saveStatus(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^\s*Sav(ing…|ed)\s*$/ });
  }

  /** Waits until the service worker has cached the whole app ("Works offline" in the header). */
  async waitUntilOfflineReady(): Promise<void> {
    await this.page.getByRole('status').filter({ hasText: 'Works offline' }).waitFor();
    await this.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  /** A document or image class: a toggle button, or a radio in a "choose one" group. */
  classChoice(name: string): Locator {
    const label = new RegExp(`^${name}`);
    return this.page
      .getByRole('button', { name: label })
      .or(this.page.getByRole('radio', { name: label }));
  }

  /** Is the class on for the open item? */
  async classIsOn(name: string): Promise<boolean> {
    const choice = this.classChoice(name);
    const state =
      (await choice.getAttribute('aria-pressed')) ?? (await choice.getAttribute('aria-checked'));
    return state === 'true';
  }

  /** Clicks a class and waits until it shows as on (or off, for a toggle turned off). */
  async pickClass(name: string, on = true): Promise<void> {
    await this.classChoice(name).click();
    const state = `[aria-pressed="${on}"], [aria-checked="${on}"]`;
    await this.classChoice(name).and(this.page.locator(state)).waitFor();
  }

  /** Deletes the open project, confirming the question. */
  async deleteProject(name: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Delete project' }).click();
    await this.page
      .getByRole('dialog', { name: `Delete “${name}”?` })
      .getByRole('button', { name: 'Delete project and its data' })
      .click();
    await this.project(name).waitFor({ state: 'detached' });
  }

  /** The Workspace section's dialog (backup or restore progress, then the outcome). */
  backupDialog(kind: 'backup' | 'restore'): Locator {
    return this.page.getByRole('dialog', {
      name: kind === 'backup' ? 'Workspace backup' : 'Workspace restore',
    });
  }

  /** Backs up the workspace; saves the downloaded file at `path`; returns the outcome text. */
  async backUpTo(path: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Back up…' }).click();
    await (await download).saveAs(path);
    const outcome = this.backupDialog('backup')
      .getByRole('status')
      .filter({ hasText: /^\s*Saved / });
    await outcome.waitFor({ timeout: 60_000 });
    return (await outcome.textContent())!.trim();
  }

  /** Chooses `path` with Restore…; returns the outcome (success or refusal) as shown. */
  async restoreFrom(path: string): Promise<{ ok: boolean; text: string }> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Restore…' }).click();
    await (await chooser).setFiles(path);
    const dialog = this.backupDialog('restore');
    const outcome = dialog
      .getByRole('alert')
      .or(dialog.getByRole('status').filter({ hasText: /^\s*Restored / }));
    await outcome.waitFor({ timeout: 60_000 });
    const ok = (await outcome.getAttribute('role')) === 'status';
    return { ok, text: (await outcome.textContent())!.trim() };
  }

  /** Closes the backup or restore outcome. */
  async dismissBackupOutcome(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: 'OK' }).click();
    await this.page.getByRole('dialog').waitFor({ state: 'hidden' });
  }

  /**
   * Waits until the edits already made are on disk, as a labeler does who sees them saved.
   * An edit takes a few milliseconds to commit; a reload inside that window can cut it short
   * (Chromium skips the app's "leave the page?" prompt without a recent user gesture).
   * How: two empty read-write transactions over every store, one after the other. IndexedDB
   * runs read-write transactions in the order they were created, so the first waits for the
   * write in progress, and the second for the one the app queued behind it meanwhile.
   */
  async waitForWrites(): Promise<void> {
    await this.page.evaluate(async () => {
      const open = indexedDB.open('airlock');
      await new Promise((done, fail) => {
        open.onsuccess = done;
        open.onerror = fail;
      });
      const db = open.result;
      for (let round = 0; round < 2; round++) {
        const barrier = db.transaction([...db.objectStoreNames], 'readwrite');
        await new Promise((done, fail) => {
          barrier.oncomplete = done;
          barrier.onerror = fail;
        });
      }
      db.close();
    });
  }

  async reload(): Promise<void> {
    await this.waitForWrites();
    await this.page.reload({ waitUntil: 'load' });
    await this.projects.waitFor();
  }

  /** Saves the download that `click` starts into `dir`, under `name` or the app's name. */
  async download(dir: string, click: () => Promise<void>, name?: string): Promise<string> {
    const [file] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      click(),
    ]);
    const path = join(dir, name ?? file.suggestedFilename());
    await file.saveAs(path);
    return path;
  }

  /** Downloads the current key's .pub file from the identity panel, as the lab would get it. */
  async downloadPub(dir: string, name: string): Promise<string> {
    await this.projects.getByRole('button', { name: /Signing identity/ }).click();
    const panel = this.page.getByRole('dialog', { name: 'Your signing identity' });
    const path = await this.download(
      dir,
      () => panel.getByRole('button', { name: 'Download .pub file' }).click(),
      name,
    );
    await panel.getByRole('button', { name: 'Close' }).click();
    return path;
  }

  /** A browser without the File System Access API, from the next load on: files download. */
  async withoutSavePicker(): Promise<void> {
    await this.page.addInitScript(() => {
      delete (window as { showSaveFilePicker?: unknown }).showSaveFilePicker;
    });
  }
}
