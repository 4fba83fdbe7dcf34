import type { Repository } from '../storage/repository.ts';
import type { SubmissionRecord } from '../storage/db.ts';
import type { Project } from '../model/project.ts';
import type { Item } from '../model/item.ts';
import { TrustedLabeler, type ReceivedBundle } from '../model/review.ts';
import { now } from '../model/ids.ts';
import { splitIntoBatches } from '../model/batches.ts';
import { keyIdHex, parsePublicKey, publicKeyLine } from '../bundle/minisign.ts';
import { blobAccess } from '../bundle/zip-reader.ts';
import { receiveBundle } from '../review/receive-bundle.ts';
import { writeTaskPackage } from '../review/task-package.ts';
import { slug } from '../bundle/manifest.ts';

/** What happened to one file the lead handed in. */
export interface Outcome {
  file: string;
  ok: boolean;
  message: string;
}

/**
 * The lead's desk for one project: trusted labelers, task packages out, signed bundles in,
 * and the labelers' submissions for review.
 */
export class ReviewDesk {
  labelers = $state.raw<TrustedLabeler[]>([]);
  received = $state.raw<ReceivedBundle[]>([]);
  submissions = $state.raw<SubmissionRecord[]>([]);
  outcomes = $state.raw<Outcome[]>([]);
  busy = $state(false);

  /** Items labelers sent, with who worked on each. */
  items = $state.raw<Item[]>([]);
  signers: string[] = $derived([...new Set(this.received.map((b) => b.signer))].sort());
  labeledBy: Map<string, string[]> = $derived.by(() => {
    const map = new Map<string, string[]>();
    for (const bundle of this.received)
      for (const id of bundle.labeled) map.set(id, [...(map.get(id) ?? []), bundle.signer]);
    return map;
  });

  constructor(
    private readonly repository: Repository,
    readonly project: Project,
    private readonly attempt: <T>(write: () => Promise<T>) => Promise<T | undefined>,
  ) {}

  async load(): Promise<void> {
    [this.labelers, this.received, this.submissions] = await Promise.all([
      this.repository.trustedLabelers(),
      this.repository.receivedBundles(this.project.id),
      this.repository.submissions(this.project.id),
    ]);
    const ids = new Set(this.received.flatMap((b) => b.labeled));
    for (const s of this.submissions) ids.add(s.itemId);
    const all = await this.repository.itemIds(this.project.id);
    this.items = await this.repository.getItems(all.filter((id) => ids.has(id)));
  }

  /** Runs a write; false when it failed (the workspace has told the lead why). */
  async saved(write: () => Promise<unknown>): Promise<boolean> {
    const done = await this.attempt(async () => {
      await write();
      return true;
    });
    return done === true;
  }

  nameOf(signer: string): string {
    return this.labelers.find((l) => l.keyId === signer)?.name ?? signer;
  }

  /** Registers a labeler from the text of their minisign .pub file. */
  async trust(pubText: string, name: string, file: string): Promise<Outcome> {
    let labeler: TrustedLabeler;
    try {
      const key = parsePublicKey(pubText);
      labeler = TrustedLabeler.parse({
        keyId: keyIdHex(key.keyId),
        publicKey: publicKeyLine(key.keyId, key.publicKey),
        name: name.trim() || key.untrustedComment.replace(/^untrusted comment:\s*/, '') || file,
        addedAt: now(),
      });
    } catch (error) {
      return { file, ok: false, message: `not a minisign public key (${String(error)})` };
    }
    if (this.labelers.some((l) => l.keyId === labeler.keyId))
      return { file, ok: false, message: `key ${labeler.keyId} is already trusted` };
    const next = [...this.labelers, labeler];
    if (!(await this.saved(() => this.repository.saveTrustedLabelers(next))))
      return { file, ok: false, message: 'could not be saved' };
    this.labelers = next;
    return { file, ok: true, message: `${labeler.name} (${labeler.keyId}) is now trusted` };
  }

  async distrust(keyId: string): Promise<void> {
    const next = this.labelers.filter((l) => l.keyId !== keyId);
    if (await this.saved(() => this.repository.saveTrustedLabelers(next))) this.labelers = next;
  }

  /** Verifies and takes in labelers' bundles, one outcome per file; a refused file changes nothing. */
  async receive(files: readonly File[]): Promise<void> {
    this.busy = true;
    const outcomes: Outcome[] = [];
    try {
      for (const file of files) {
        const result = await receiveBundle(
          blobAccess(file),
          file.name,
          this.project,
          this.labelers,
          (ids) => this.repository.getItems(ids),
        );
        if (!result.ok) {
          outcomes.push({ file: file.name, ok: false, message: result.problems.join('; ') });
          continue;
        }
        const saved = await this.saved(() =>
          this.repository.receiveSubmission(result.received, result.records),
        );
        const { signerName, items, annotations } = result.received;
        outcomes.push(
          !saved
            ? { file: file.name, ok: false, message: 'could not be stored' }
            : {
                file: file.name,
                ok: true,
                message: `signed by ${signerName}: ${items} items, ${annotations} annotations`,
              },
        );
      }
    } finally {
      this.outcomes = outcomes;
      this.busy = false;
      await this.load();
    }
  }

  /** Task packages: the project's items in `count` batches sharing `overlap` items. */
  async packages(
    count: number,
    overlap: number,
  ): Promise<{ name: string; data: Blob; items: number }[]> {
    const ids = await this.repository.itemIds(this.project.id);
    const { batches } = splitIntoBatches(ids, count, overlap);
    const out: { name: string; data: Blob; items: number }[] = [];
    for (const [index, batch] of batches.entries()) {
      const items: Item[] = await this.repository.getItems(batch);
      const parts: Uint8Array[] = [];
      await writeTaskPackage(
        {
          write: (chunk) => {
            parts.push(chunk.slice());
            return Promise.resolve();
          },
        },
        this.project,
        items,
        { index: index + 1, count: batches.length },
        (sha) => this.repository.mediaBytes(sha),
      );
      const name = `${slug(this.project.name)}-task-${index + 1}-of-${batches.length}.zip`;
      out.push({
        name,
        data: new Blob(parts as BlobPart[], { type: 'application/zip' }),
        items: items.length,
      });
    }
    return out;
  }

  submissionsOf(itemId: string): SubmissionRecord[] {
    return this.submissions.filter((s) => s.itemId === itemId);
  }
}
