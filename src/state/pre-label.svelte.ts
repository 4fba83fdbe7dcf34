import type { Repository } from '../storage/repository.ts';
import type { PatternRule } from '../model/patterns.ts';
import {
  launchPreLabelHere,
  launchPreLabelWorker,
  type LaunchPreLabel,
  type RunningPreLabel,
} from '../prelabel/pre-label-client.ts';

/**
 * Pre-labeling every text of a project with rules, as suggestions: run in a worker (where the
 * browser has one) so the page stays responsive, with progress and Cancel.
 */
export class PreLabelRun {
  done = $state(0);
  total = $state(0);
  found = $state(0);
  running = $state(false);
  /** The last run was cancelled before its end. */
  cancelled = $state(false);
  private current: RunningPreLabel | undefined;

  constructor(
    private readonly repository: Repository,
    private readonly projectId: string,
    private readonly launch: LaunchPreLabel = typeof Worker === 'function'
      ? launchPreLabelWorker
      : launchPreLabelHere(repository),
  ) {}

  /** Stops after the chunk under way; what was found so far stays. */
  cancel(): void {
    this.current?.cancel();
  }

  /** Returns how many new suggestions were made (up to a cancel). */
  run(rules: readonly PatternRule[], skipItem?: string): Promise<number> {
    this.running = true;
    this.done = 0;
    this.total = 0;
    this.found = 0;
    this.cancelled = false;
    return new Promise<number>((resolve, reject) => {
      this.current = this.launch(
        {
          database: this.repository.db.name,
          projectId: this.projectId,
          rules: [...rules],
          skipItem,
        },
        (message) => {
          if (message.type === 'progress') {
            this.done = message.done;
            this.total = message.total;
            this.found = message.found;
            return;
          }
          this.running = false;
          this.current = undefined;
          if (message.type === 'finished') {
            this.cancelled = message.cancelled;
            resolve(message.found);
          } else reject(new Error(message.message));
        },
      );
    });
  }
}
