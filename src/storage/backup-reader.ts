import type { z } from 'zod';
import { ZipArchive, ZipError, type RandomAccess, type ZipEntry } from '../bundle/zip-reader.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupManifest,
  MANIFEST_FILE,
  TABLE_FILES,
  mediaEntry,
  type BackedUpTable,
} from './backup-format.ts';
import { MAX_FILE_BYTES } from '../import/limits.ts';

// Opens a backup file and reads its records, validating every one. It never trusts the file:
// anything wrong becomes a BackupRefusedError naming the file and the reason.

/** A backup that will not be restored, and why, in the labeler's words. */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
  constructor(
    readonly file: string,
    readonly reason: string,
    /** What became of the workspace. */
    readonly outcome = 'Nothing was changed.',
  ) {
    super(`${file} was not restored: ${reason}. ${outcome}`);
  }
}

/** The manifest is a few hundred bytes: a larger one is not ours (and is not read whole). */
const MAX_MANIFEST_BYTES = 1 << 20;
/**
 * The longest line of a table: a text item holds at most what an import takes (100 MB of
 * UTF-8, more characters once escaped in JSON), well under the longest string a browser builds.
 */
const MAX_LINE_CHARS = 256 * 1024 * 1024;
/** Images come in through import, which takes files up to 100 MiB; read whole to be hashed. */
const MAX_IMAGE_BYTES = MAX_FILE_BYTES;

export interface BackupFile {
  name: string;
  access: RandomAccess;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** Records validated between two chances for the page to paint and take input. */
const SLICE = 250;
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class BackupReader {
  private constructor(
    readonly file: string,
    private readonly archive: ZipArchive,
    readonly manifest: BackupManifest,
  ) {}

  /** Opens `file` and checks what it is: a whole Airlock backup this version can read. */
  static async open(file: BackupFile, schemaVersion: number): Promise<BackupReader> {
    const refuse = (reason: string) => new BackupRefusedError(file.name, reason);
    let archive: ZipArchive;
    try {
      archive = await ZipArchive.open(file.access);
    } catch (error) {
      if (error instanceof ZipError)
        throw refuse(`it is not a ZIP file, or it is damaged (${error.message})`);
      throw error;
    }
    const problem = archive.problems[0];
    if (problem) throw refuse(`it is damaged (${problem.entry}: ${problem.reason})`);
    const entry = archive.get(MANIFEST_FILE);
    if (!entry) throw refuse(`it is not an Airlock workspace backup (it has no ${MANIFEST_FILE})`);

    if (entry.size > MAX_MANIFEST_BYTES)
      throw refuse(
        `it is damaged (${MANIFEST_FILE} says it holds ${byteCount(entry.size)}; ` +
          `a backup's is at most ${byteCount(MAX_MANIFEST_BYTES)})`,
      );
    const raw = await readJson(archive, entry, refuse);
    const head = raw as Partial<Record<'format' | 'formatVersion' | 'schemaVersion', unknown>>;
    if (head?.format !== BACKUP_FORMAT)
      throw refuse(`it is not an Airlock workspace backup (${MANIFEST_FILE} says otherwise)`);
    const newer = (what: string) =>
      refuse(
        `it was made by a newer version of Airlock (${what}). Update Airlock, then restore it`,
      );
    if (typeof head.formatVersion === 'number' && head.formatVersion > BACKUP_FORMAT_VERSION)
      throw newer(
        `backup format ${head.formatVersion}; this version reads up to ${BACKUP_FORMAT_VERSION}`,
      );
    if (typeof head.schemaVersion === 'number' && head.schemaVersion > schemaVersion)
      throw newer(`storage version ${head.schemaVersion}; this version has ${schemaVersion}`);
    const manifest = BackupManifest.safeParse(raw);
    if (!manifest.success)
      throw refuse(`it is damaged (${MANIFEST_FILE}: ${describe(manifest.error)})`);

    for (const name of Object.values(TABLE_FILES)) {
      if (!archive.get(name)) throw refuse(`it is damaged (${name} is missing)`);
    }
    return new BackupReader(file.name, archive, manifest.data);
  }

  refuse(reason: string): BackupRefusedError {
    return new BackupRefusedError(this.file, reason);
  }

  /** The records of one table, each validated with `schema`, with its line number. */
  async *records<S extends z.ZodType>(
    table: BackedUpTable,
    schema: S,
  ): AsyncGenerator<{ value: z.infer<S>; line: number }> {
    const name = TABLE_FILES[table];
    const entry = this.archive.get(name)!;
    let line = 0;
    for await (const text of this.lines(entry)) {
      line++;
      if (text === '') continue;
      // Decompressed lines arrive faster than they validate: let the page breathe.
      if (line % SLICE === 0) await yieldToPage();
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw this.refuse(`it is damaged (${name}, line ${line}, is not valid JSON)`);
      }
      const parsed = schema.safeParse(json);
      if (!parsed.success)
        throw this.refuse(`it is damaged (${name}, line ${line}: ${describe(parsed.error)})`);
      yield { value: parsed.data, line };
    }
  }

  /** The bytes of an image, checked against its SHA-256 (its name). */
  async image(sha256: string, size: number): Promise<Uint8Array<ArrayBuffer>> {
    const name = mediaEntry(sha256);
    const entry = this.archive.get(name);
    if (!entry) throw this.refuse(`it is damaged (${name} is missing)`);
    if (entry.size !== size)
      throw this.refuse(`it is damaged (${name} holds ${entry.size} bytes, not ${size})`);
    if (size > MAX_IMAGE_BYTES)
      throw this.refuse(
        `it is damaged (${name} says it holds ${byteCount(size)}; ` +
          `no image Airlock stores is over ${byteCount(MAX_IMAGE_BYTES)})`,
      );
    const bytes = (await this.read(entry)) as Uint8Array<ArrayBuffer>;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
    const hex = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
    if (hex !== sha256) throw this.refuse(`it is damaged (${name} does not match its SHA-256)`);
    return bytes;
  }

  private async read(entry: ZipEntry): Promise<Uint8Array> {
    try {
      return await this.archive.read(entry);
    } catch (error) {
      if (error instanceof ZipError) throw this.refuse(`it is damaged (${error.message})`);
      throw error;
    }
  }

  /** An entry's text, line by line, without holding the whole entry. */
  private async *lines(entry: ZipEntry): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let rest = '';
    try {
      for await (const chunk of this.archive.stream(entry)) {
        const text = rest + decoder.decode(chunk, { stream: true });
        const lines = text.split('\n');
        rest = lines.pop()!;
        // A line without end (a zip bomb of one line) would outgrow any string: stop first.
        if (rest.length > MAX_LINE_CHARS)
          throw this.refuse(
            `it is damaged (${entry.name} has a line over ${MAX_LINE_CHARS.toLocaleString('en')} characters)`,
          );
        yield* lines;
      }
      rest += decoder.decode();
    } catch (error) {
      if (error instanceof BackupRefusedError) throw error;
      if (error instanceof ZipError) throw this.refuse(`it is damaged (${error.message})`);
      if (error instanceof TypeError)
        throw this.refuse(`it is damaged (${entry.name} is not valid UTF-8)`);
      throw error;
    }
    if (rest !== '') yield rest;
  }
}

async function readJson(
  archive: ZipArchive,
  entry: ZipEntry,
  refuse: (reason: string) => BackupRefusedError,
): Promise<unknown> {
  try {
    return JSON.parse(utf8.decode(await archive.read(entry))) as unknown;
  } catch (error) {
    if (error instanceof ZipError) throw refuse(`it is damaged (${error.message})`);
    // Not UTF-8 (TypeError) or not JSON (SyntaxError); a failed read is not the file's text.
    if (error instanceof TypeError || error instanceof SyntaxError)
      throw refuse(`it is damaged (${entry.name} is not valid JSON)`);
    throw error;
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.join('.');
  return `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`;
}

function byteCount(n: number): string {
  return `${n.toLocaleString('en')} bytes`;
}
