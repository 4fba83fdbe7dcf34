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

// Opens a backup file and reads its records, validating every one. It never trusts the file:
// anything wrong becomes a BackupRefusedError naming the file and the reason.

/** A backup that will not be restored, and why, in the labeler's words. */
export class BackupRefusedError extends Error {
  override name = 'BackupRefusedError';
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file} was not restored: ${reason}. Nothing was changed.`);
  }
}

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
        yield* lines;
      }
      rest += decoder.decode();
    } catch (error) {
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
    throw refuse(`it is damaged (${entry.name} is not valid JSON)`);
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.join('.');
  return `${path ? `${path}: ` : ''}${issue?.message ?? 'invalid'}`;
}
