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

  tab(name: 'Items' | 'Labels' | 'Import'): Locator {
    return this.page.getByRole('tab', { name });
  }

  async createProject(name: string): Promise<void> {
    await this.page.getByLabel('New project').fill(name);
    await this.page.getByRole('button', { name: 'Create' }).click();
    await this.page.getByRole('heading', { name, level: 2 }).waitFor();
  }

  /** Chooses files in the Import tab's file picker (paths or in-memory files). */
  async chooseFiles(files: string[] | FileToImport[]): Promise<void> {
    await this.tab('Import').click();
    await this.page.getByLabel('Choose files…').setInputFiles(files);
  }

  async importChosen(): Promise<Locator> {
    await this.page.getByRole('button', { name: /^Import [\d,]+ files?$/ }).click();
    const summary = this.page.getByRole('region', { name: 'Import summary' });
    await summary.waitFor({ timeout: 60_000 });
    return summary;
  }

  async reload(): Promise<void> {
    await this.page.reload({ waitUntil: 'load' });
    await this.projects.waitFor();
  }
}
