import { Annotation, annotationProblem } from '../model/annotation.ts';
import type { Item } from '../model/item.ts';
import type { Project } from '../model/project.ts';
import type { ReceivedBundle, SubmittedItem, TrustedLabeler } from '../model/review.ts';
import { now } from '../model/ids.ts';
import { verifyBundle, type TrustedKey } from '../bundle/verify.ts';
import { ZipArchive, type RandomAccess } from '../bundle/zip-reader.ts';
import { ANNOTATIONS } from '../bundle/manifest.ts';
import { parsePublicKeyLine, keyIdHex } from '../bundle/minisign.ts';
import { NativeRecord, fromNative } from '../bundle/native-record.ts';
import { contentDiffers } from './sent-content.ts';
import { itemProblems } from './intake-rules.ts';

// A lead takes in a labeler's bundle: the same checks as `airlock verify` against the
// labelers the lead trusts, then every record must name an item of this project with the
// same SHA-256, and every annotation must fit its item (intake-rules.ts). Any problem refuses
// the whole bundle, naming the line and the reason; nothing here throws.

export type Received =
  | { ok: true; received: ReceivedBundle; records: SubmittedItem[] }
  | { ok: false; problems: string[] };

export interface ReceiveContext {
  project: Project;
  labelers: readonly TrustedLabeler[];
  itemsById: (ids: readonly string[]) => Promise<Item[]>;
  /** The items the lead sent each labeler (key id → item ids); a labeler not in it: no check. */
  assigned?: (signer: string) => ReadonlySet<string> | undefined;
}

export function trustedKeys(labelers: readonly TrustedLabeler[]): TrustedKey[] {
  return labelers.map((l) => {
    const key = parsePublicKeyLine(l.publicKey);
    return { keyId: keyIdHex(key.keyId), publicKey: key.publicKey, source: l.name };
  });
}

export async function receiveBundle(
  source: RandomAccess,
  fileName: string,
  context: ReceiveContext,
): Promise<Received> {
  try {
    return await receive(source, fileName, context);
  } catch (error) {
    // A reader we did not foresee failing: still an outcome, never an uncaught error.
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [`the file could not be read (${reason})`] };
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

async function receive(
  source: RandomAccess,
  fileName: string,
  { project, labelers, itemsById, assigned }: ReceiveContext,
): Promise<Received> {
  const verdict = await verifyBundle(source, { trustedKeys: trustedKeys(labelers) });
  if (!verdict.ok || !verdict.manifest || !verdict.signerKeyId) {
    const unknown = verdict.signerKeyId && !labelers.some((l) => l.keyId === verdict.signerKeyId);
    return {
      ok: false,
      problems: unknown
        ? [`signed by ${verdict.signerKeyId}, who is not among your trusted labelers`]
        : verdict.reasons.map((r) => `${r.entry}: ${r.reason}`),
    };
  }
  const manifest = verdict.manifest;
  if (manifest.project.id !== project.id) {
    return {
      ok: false,
      problems: [`it is for the project "${manifest.project.name}", not "${project.name}"`],
    };
  }

  const zip = await ZipArchive.open(source);
  const entry = zip.get(ANNOTATIONS);
  if (!entry) return { ok: false, problems: [`${ANNOTATIONS}: missing`] };
  let text: string;
  try {
    text = utf8.decode(await zip.read(entry));
  } catch {
    return { ok: false, problems: [`${ANNOTATIONS}: not UTF-8 text`] };
  }
  const problems: string[] = [];
  const parsed: { line: number; record: NativeRecord }[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const record = NativeRecord.safeParse(safeJson(line));
    if (record.success) parsed.push({ line: i + 1, record: record.data });
    else
      problems.push(
        `${ANNOTATIONS} line ${i + 1}: ${record.error.issues[0]?.message ?? 'not a record'}`,
      );
  });

  const items = new Map(
    (await itemsById(parsed.map((p) => p.record.item.id))).map((item) => [item.id, item]),
  );
  const signer = verdict.signerKeyId;
  const sent = assigned?.(signer);
  const records: SubmittedItem[] = [];
  const labeled: string[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const { line, record } of parsed) {
    const where = `${ANNOTATIONS} line ${line}`;
    const item = items.get(record.item.id);
    if (!item || item.projectId !== project.id) {
      problems.push(`${where}: item ${record.item.id} is not in this project`);
      continue;
    }
    if (seen.has(item.id)) {
      problems.push(`${where}: item "${item.name}" appears twice`);
      continue;
    }
    seen.add(item.id);
    if (item.sha256 !== record.item.sha256) {
      problems.push(`${where}: item "${item.name}" has different content here (SHA-256 differs)`);
      continue;
    }
    const differs = contentDiffers(item, record.item);
    if (differs) {
      problems.push(`${where}: item "${item.name}" has different content here (${differs})`);
      continue;
    }
    const annotations: Annotation[] = [];
    for (const native of record.annotations) {
      // The signer vouches for the whole bundle: their key is who made these.
      const annotation = { ...fromNative(native, project.id, item.id), annotator: signer };
      const checked = Annotation.safeParse(annotation);
      if (checked.success) annotations.push(checked.data);
      else problems.push(`${where}: annotation ${native.id}: ${annotationProblem(annotation)}`);
    }
    for (const reason of itemProblems(item, annotations, project, sent))
      problems.push(`${where}: ${reason}`);
    count += annotations.length;
    records.push({ itemId: item.id, annotations });
    if (record.status === 'done' || annotations.length > 0) labeled.push(item.id);
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    records,
    received: {
      bundleId: manifest.bundle_id,
      projectId: project.id,
      signer,
      signerName: labelers.find((l) => l.keyId === signer)?.name ?? manifest.signer.name,
      fileName,
      createdAt: manifest.created_at,
      receivedAt: now(),
      items: records.length,
      annotations: count,
      labeled,
      itemIds: records.map((r) => r.itemId),
    },
  };
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}
