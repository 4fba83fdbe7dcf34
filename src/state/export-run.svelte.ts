import type { ExportSigner } from '../export/export-job.ts';
import type {
  BundleOutcome,
  ExportJob,
  ExportTarget,
  FromWorker,
} from '../export/export-protocol.ts';
import type { LaunchExport, RunningExport } from '../export/export-client.ts';

export type ExportPhase = 'idle' | 'running' | 'finished' | 'cancelled' | 'failed';

/** One export (single or bulk) as the labeler follows it: progress, time left, outcome. */
export class ExportRun {
  phase = $state<ExportPhase>('idle');
  bundles = $state(0);
  totalItems = $state(0);
  totalMediaBytes = $state(0);
  items = $state(0);
  bytes = $state(0);
  mediaBytes = $state(0);
  elapsedMs = $state(0);
  outcomes = $state.raw<BundleOutcome[]>([]);
  error = $state<string | undefined>();
  private running: RunningExport | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private startedAt = 0;

  /**
   * Share of the work done. With images, their bytes are nearly all of it: the items' records
   * are written first and fast, and counting them more would make early estimates too rosy.
   */
  fraction: number = $derived.by(() => {
    const items = this.totalItems > 0 ? this.items / this.totalItems : 0;
    if (this.totalMediaBytes === 0) return items;
    return 0.02 * items + 0.98 * (this.mediaBytes / this.totalMediaBytes);
  });

  /** Estimated from the pace so far; undefined until there is a pace to go by. */
  timeLeftMs: number | undefined = $derived(
    this.phase === 'running' && this.fraction > 0.02 && this.elapsedMs > 1000
      ? (this.elapsedMs * (1 - this.fraction)) / this.fraction
      : undefined,
  );

  written: BundleOutcome[] = $derived(this.outcomes.filter((o) => o.result));
  failedBundles: BundleOutcome[] = $derived(this.outcomes.filter((o) => o.error));

  constructor(
    private readonly launch: LaunchExport,
    /** Hands a finished bundle to the labeler when it was staged for download. */
    private readonly deliver: (file: File, name: string) => void,
  ) {}

  get busy(): boolean {
    return this.phase === 'running';
  }

  start(
    jobs: ExportJob[],
    signer: ExportSigner,
    target: ExportTarget,
    createdAt = new Date(),
  ): void {
    if (this.busy) return;
    Object.assign(this, {
      phase: 'running',
      bundles: 0,
      totalItems: 0,
      totalMediaBytes: 0,
      items: 0,
      bytes: 0,
      mediaBytes: 0,
      elapsedMs: 0,
      outcomes: [],
      error: undefined,
    });
    this.startedAt = performance.now();
    this.timer = setInterval(() => (this.elapsedMs = performance.now() - this.startedAt), 250);
    this.running = this.launch(
      { type: 'start', jobs, signer, target, createdAt: createdAt.toISOString() },
      (message) => this.receive(message),
    );
  }

  cancel(): void {
    this.running?.cancel();
  }

  private receive(message: FromWorker): void {
    if (this.phase !== 'running') return;
    switch (message.type) {
      case 'planned':
        this.bundles = message.bundles;
        this.totalItems = message.totalItems;
        this.totalMediaBytes = message.totalMediaBytes;
        break;
      case 'progress':
        this.items = message.items;
        this.bytes = message.bytes;
        this.mediaBytes = message.mediaBytes;
        break;
      case 'bundle': {
        const { outcome } = message;
        this.outcomes = [...this.outcomes, outcome];
        if (outcome.file && outcome.result) this.deliver(outcome.file, outcome.result.fileName);
        const signature = outcome.result?.archiveSignature;
        if (outcome.signatureFile && signature) this.deliver(outcome.signatureFile, signature.name);
        break;
      }
      case 'finished':
        this.items = this.totalItems;
        this.mediaBytes = this.totalMediaBytes;
        this.stop('finished');
        break;
      case 'cancelled':
        this.stop('cancelled');
        break;
      case 'failed':
        this.error = message.message;
        this.stop('failed');
        break;
    }
  }

  private stop(phase: ExportPhase): void {
    clearInterval(this.timer);
    this.elapsedMs = performance.now() - this.startedAt;
    this.phase = phase;
    this.running = undefined;
  }
}
