/** Where the app stands with new versions: none, one ready, or waiting to reload safely. */
export type UpdatePhase = 'current' | 'ready' | 'waiting' | 'reloading';

export interface UpdateDeps {
  /** Work a reload would cut short, in the labeler's words, or undefined when there is none. */
  workInProgress: () => string | undefined;
  /** Resolves once every edit already made is on disk. */
  settle: () => Promise<void>;
  /** Lets the new version take over and reloads the page. */
  activate: () => void;
  /** How long to wait before looking at the work in progress again. */
  pause?: () => Promise<void>;
}

const pauseBriefly = () => new Promise<void>((resolve) => setTimeout(resolve, 100));

/**
 * Offline readiness and the "Reload to update" flow. A new version is only announced; the
 * page reloads when the labeler asks, and even then not before every edit is saved and no
 * gesture or import is open.
 */
export class AppUpdate {
  offlineReady = $state(false);
  phase = $state<UpdatePhase>('current');
  /** While waiting to reload: what the reload waits for. */
  waitingFor = $state<string | undefined>();

  constructor(private readonly deps: UpdateDeps) {}

  /** A new version is installed and waiting. */
  announce(): void {
    if (this.phase === 'current') this.phase = 'ready';
  }

  /** Reloads into the new version as soon as nothing is in progress. */
  async reload(): Promise<void> {
    if (this.phase !== 'ready') return;
    this.phase = 'waiting';
    const pause = this.deps.pause ?? pauseBriefly;
    for (;;) {
      this.waitingFor = this.deps.workInProgress();
      if (this.waitingFor) {
        await pause();
        continue;
      }
      await this.deps.settle();
      // Saving may take long enough for the labeler to start something new: look again.
      if (!this.deps.workInProgress()) break;
    }
    this.phase = 'reloading';
    this.deps.activate();
  }
}
