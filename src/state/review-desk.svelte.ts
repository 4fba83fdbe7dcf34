import type { Repository } from '../storage/repository.ts';
import type { SubmissionRecord } from '../storage/db.ts';
import { ReviewStore } from '../storage/review-store.ts';
import type { Project } from '../model/project.ts';
import type { Item } from '../model/item.ts';
import type { Annotation } from '../model/annotation.ts';
import {
  TrustedLabeler,
  bundleKey,
  keptAside,
  type Assignment,
  type ReceivedBundle,
} from '../model/review.ts';
import { now } from '../model/ids.ts';
import { splitIntoBatches } from '../model/batches.ts';
import { unanimousItems, type Consensus } from '../model/agreement/unanimous.ts';
import {
  keyIdBytes,
  keyIdHex,
  parsePublicKey,
  parsePublicKeyLine,
  publicKeyLine,
} from '../bundle/minisign.ts';
import { blobAccess } from '../bundle/zip-reader.ts';
import { slug } from '../bundle/manifest.ts';
import { receiveBundle, trustedKeys } from '../review/receive-bundle.ts';
import { checkDroppedSignature, pairSignatures } from '../review/detached-intake.ts';
import { writeTaskPackage } from '../review/task-package.ts';
import { textSettings } from '../storage/text-settings.ts';
import { adopt } from '../review/adopt.ts';
import type { ExportSigner } from '../export/export-job.ts';
import { BlobSink } from '../platform/save-file.ts';

/** What happened to one file the lead handed in. */
export interface Outcome {
  file: string;
  ok: boolean;
  message: string;
}

export interface MadePackage {
  name: string;
  data: Blob;
  items: number;
  labeler: string;
}

/**
 * The lead's desk for one project: trusted labelers, signed task packages out, signed bundles
 * in (every one kept, the latest of each labeler in use), and the labelers' work for review.
 */
export class ReviewDesk {
  labelers = $state.raw<TrustedLabeler[]>([]);
  received = $state.raw<ReceivedBundle[]>([]);
  submissions = $state.raw<SubmissionRecord[]>([]);
  assignments = $state.raw<Assignment[]>([]);
  outcomes = $state.raw<Outcome[]>([]);
  busy = $state(false);
  /** The adjudicated result so far: the project's own annotations of the reviewed items. */
  results = $state.raw<Map<string, Annotation[]>>(new Map());

  /** Items labelers sent, with who worked on each. */
  items = $state.raw<Item[]>([]);
  aside: Map<string, string> = $derived(keptAside(this.received));
  inUse: ReceivedBundle[] = $derived(this.received.filter((b) => !this.aside.has(bundleKey(b))));
  signers: string[] = $derived([...new Set(this.inUse.map((b) => b.signer))].sort());
  labeledBy: Map<string, string[]> = $derived.by(() => {
    const map = new Map<string, string[]>();
    for (const bundle of this.inUse)
      for (const id of bundle.labeled) {
        const who = map.get(id) ?? [];
        if (!who.includes(bundle.signer)) map.set(id, [...who, bundle.signer]);
      }
    return map;
  });

  readonly store: ReviewStore;

  constructor(
    private readonly repository: Repository,
    readonly project: Project,
    private readonly attempt: <T>(write: () => Promise<T>) => Promise<T | undefined>,
  ) {
    this.store = new ReviewStore(repository.db);
  }

  async load(): Promise<void> {
    [this.labelers, this.received, this.submissions, this.assignments] = await Promise.all([
      this.store.trustedLabelers(),
      this.store.receivedBundles(this.project.id),
      this.store.submissionsInUse(this.project.id),
      this.store.assignments(this.project.id),
    ]);
    const ids = new Set(this.received.flatMap((b) => b.labeled));
    for (const s of this.submissions) ids.add(s.itemId);
    const all = await this.repository.itemIds(this.project.id);
    const wanted = all.filter((id) => ids.has(id));
    [this.items, this.results] = await Promise.all([
      this.repository.getItems(wanted),
      this.repository.annotationsOfItems(wanted),
    ]);
  }

  /** Runs a write; false when it failed (the workspace has told the lead why). */
  async saved(write: () => Promise<unknown>): Promise<boolean> {
    const done = await this.attempt(async () => {
      await write();
      return true;
    });
    return done === true;
  }

  /** The name the lead gave a labeler; once no longer trusted, the name their bundle carried. */
  nameOf(signer: string): string {
    return (
      this.labelers.find((l) => l.keyId === signer)?.name ??
      this.received.findLast((b) => b.signer === signer)?.signerName ??
      signer
    );
  }

  /** An item's row changed (adjudicated, reviewed): lists and figures follow at once. */
  async itemChanged(itemId: string): Promise<void> {
    const [item, annotations] = await Promise.all([
      this.repository.getItem(itemId),
      this.repository.annotationsOf(itemId),
    ]);
    if (item) this.items = this.items.map((i) => (i.id === itemId ? item : i));
    this.results = new Map(this.results).set(itemId, annotations);
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
    if (!(await this.saved(() => this.store.saveTrustedLabelers(next))))
      return { file, ok: false, message: 'could not be saved' };
    this.labelers = next;
    return { file, ok: true, message: `${labeler.name} (${labeler.keyId}) is now trusted` };
  }

  /** Stops trusting a labeler; their bundles stay (under their name) or go, as the lead chose. */
  async distrust(keyId: string, dropBundles: boolean): Promise<void> {
    if (await this.saved(() => this.store.distrust(this.labelers, keyId, dropBundles)))
      await this.load();
  }

  async removeBundle(bundle: ReceivedBundle): Promise<void> {
    if (
      await this.saved(() =>
        this.store.removeBundle(bundle.projectId, bundle.signer, bundle.bundleId),
      )
    )
      await this.load();
  }

  /** Verifies and takes in labelers' bundles, one outcome per file; a refused file changes nothing. */
  async receive(files: readonly File[]): Promise<void> {
    this.busy = true;
    const outcomes: Outcome[] = [];
    const sentTo = (signer: string) => {
      const batches = this.assignments.filter((a) => a.labeler.keyId === signer);
      return batches.length === 0 ? undefined : new Set(batches.flatMap((a) => a.items));
    };
    const { bundles, orphans } = pairSignatures(files);
    try {
      for (const { file, signature } of bundles)
        outcomes.push(await this.receiveOne(file, sentTo, signature));
      for (const orphan of orphans)
        outcomes.push({
          file: orphan.name,
          ok: false,
          message: `its bundle ${orphan.name.slice(0, -'.minisig'.length)} was not chosen with it`,
        });
    } finally {
      this.outcomes = outcomes;
      this.busy = false;
      await this.load();
    }
  }

  private async receiveOne(
    file: File,
    assigned: (signer: string) => ReadonlySet<string> | undefined,
    signature?: File,
  ): Promise<Outcome> {
    let detachedBy: string | undefined;
    if (signature) {
      const check = await checkDroppedSignature(file, signature, trustedKeys(this.labelers));
      if (!check.ok) return { file: file.name, ok: false, message: check.problem };
      detachedBy = check.keyId;
    }
    const result = await receiveBundle(blobAccess(file), file.name, {
      project: this.project,
      labelers: this.labelers,
      itemsById: (ids) => this.repository.getItems(ids),
      assigned,
    });
    if (!result.ok) return { file: file.name, ok: false, message: result.problems.join('; ') };
    const { received, records } = result;
    if (detachedBy && detachedBy !== received.signer)
      return {
        file: file.name,
        ok: false,
        message: `${signature!.name} is signed by ${detachedBy}, the bundle by ${received.signer}`,
      };
    const known = (await this.store.receivedBundles(this.project.id)).find(
      (b) => bundleKey(b) === bundleKey(received),
    );
    if (known && known.createdAt === received.createdAt)
      return { file: file.name, ok: true, message: `already received (as ${known.fileName})` };
    if (!(await this.saved(() => this.store.receive(received, records))))
      return { file: file.name, ok: false, message: 'could not be stored' };
    const after = keptAside(await this.store.receivedBundles(this.project.id));
    const later = after.get(bundleKey(received));
    const what = `signed by ${received.signerName}: ${received.items} items, ${received.annotations} annotations`;
    return later
      ? {
          file: file.name,
          ok: true,
          message: `${what}; older than ${later}, so kept aside (not counted)`,
        }
      : { file: file.name, ok: true, message: what };
  }

  /**
   * Signed task packages, one per labeler: the project's items in batches sharing `overlap`
   * items. What went to whom is recorded, and intake later refuses work on other items.
   */
  async packages(
    signer: ExportSigner,
    forKeys: readonly string[],
    overlap: number,
  ): Promise<MadePackage[]> {
    const labelers = forKeys.map((k) => this.labelers.find((l) => l.keyId === k)!).filter(Boolean);
    if (labelers.length === 0) throw new Error('Choose at least one labeler to hand work to.');
    const ids = await this.repository.itemIds(this.project.id);
    const { batches } = splitIntoBatches(ids, labelers.length, overlap);
    const key = parsePublicKeyLine(signer.publicKey);
    const createdAt = new Date();
    const { guidelines } = await textSettings(this.repository.db, this.project.id);
    const out: MadePackage[] = [];
    const records: Assignment[] = [];
    for (const [index, batch] of batches.entries()) {
      const labeler = labelers[index]!;
      const items: Item[] = await this.repository.getItems(batch);
      const sink = new BlobSink();
      const assignment = {
        batch: { index: index + 1, count: batches.length },
        labeler: { keyId: labeler.keyId, name: labeler.name },
      };
      await writeTaskPackage(
        sink,
        this.project,
        items,
        { ...assignment, guidelines },
        (sha) => this.repository.mediaBytes(sha),
        {
          name: signer.name,
          keyId: keyIdBytes(signer.keyId),
          publicKey: key.publicKey,
          privateKey: signer.privateKey,
        },
        createdAt,
      );
      const name = `${slug(this.project.name)}-task-${index + 1}-of-${batches.length}-${slug(labeler.name)}.zip`;
      out.push({
        name,
        data: sink.blob('application/zip'),
        items: items.length,
        labeler: labeler.name,
      });
      records.push({
        projectId: this.project.id,
        ...assignment,
        lead: { keyId: signer.keyId, name: signer.name },
        items: items.map((i) => i.id),
        at: createdAt.toISOString(),
      });
    }
    if (!(await this.saved(() => this.store.recordAssignments(this.project.id, records))))
      throw new Error('The packages were made but what went to whom could not be recorded.');
    this.assignments = [...this.assignments, ...records];
    return out;
  }

  submissionsOf(itemId: string): SubmissionRecord[] {
    return this.submissions.filter((s) => s.itemId === itemId);
  }

  /** Items not yet reviewed nor adjudicated where every labeler agrees under `rule`. */
  unanimous(rule: Consensus): string[] {
    const work = new Map<string, Map<string, Annotation[]>>();
    for (const item of this.items) {
      // Never over the lead's own work: reviewed items, or items already adjudicated.
      if (item.review || (this.results.get(item.id)?.length ?? 0) > 0) continue;
      const who = this.labeledBy.get(item.id) ?? [];
      work.set(item.id, new Map(who.map((signer) => [signer, [] as Annotation[]])));
    }
    for (const s of this.submissions) work.get(s.itemId)?.get(s.signer)?.push(s.annotation);
    return unanimousItems(work, rule);
  }

  /**
   * Accepts the unanimous items in bulk: the first labeler's version becomes the result (each
   * annotation from all of them, since they agree), and the item is marked accepted.
   */
  async acceptUnanimous(rule: Consensus, adjudicator: string): Promise<number> {
    let accepted = 0;
    for (const itemId of this.unanimous(rule)) {
      const submitted = this.submissionsOf(itemId).map((s) => ({
        signer: s.signer,
        annotation: s.annotation,
      }));
      const who = [...(this.labeledBy.get(itemId) ?? [])].sort();
      const first = submitted.filter((s) => s.signer === who[0]);
      const current = await this.repository.annotationsOf(itemId);
      const change = adopt(first, submitted, current, adjudicator, true, this.project);
      const after = change.after.map((a) => ({ ...a, sources: who }));
      const review = {
        status: 'accepted' as const,
        comment: 'everyone agreed',
        by: adjudicator,
        at: now(),
      };
      const ok = await this.saved(async () => {
        await this.repository.applyAnnotations(
          after,
          change.before.map((a) => a.id),
        );
        await this.store.setReview(itemId, review);
      });
      if (!ok) break;
      accepted++;
      await this.itemChanged(itemId);
    }
    return accepted;
  }
}
