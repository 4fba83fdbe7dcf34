import type { AirlockDB } from '../storage/db.ts';
import { textSettings } from '../storage/text-settings.ts';

/**
 * The project's guidelines as labelers of images and model outputs read them (`h`). (The text
 * workbench reads them with the rest of its text settings.)
 */
export class ProjectGuide {
  guidelines = $state('');
  open = $state(false);

  constructor(db: AirlockDB, projectId: string) {
    // A read that fails leaves the dialog saying there are none; the Labels tab, where they
    // are written, reports storage errors.
    void textSettings(db, projectId).then(
      (settings) => (this.guidelines = settings.guidelines),
      () => undefined,
    );
  }
}
