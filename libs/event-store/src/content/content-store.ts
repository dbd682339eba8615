// Files kept under the SHA-256 of their bytes, beside the event store: `<dir>/ab/cdef…` (the first
// two hex digits name a folder, so no folder holds more than a 256th of them). The journal records
// a file's hash; the store keeps the bytes. Knows nothing of what the files are.
//
// Durable when acknowledged, in two steps, so that what a refused command staged never lands:
//   1. stage: the bytes go to a file of their own in `.staging/`, written and fsynced;
//   2. commit: once the fact naming the file is recorded, the staged file is renamed to its name
//      and the folder fsynced. A rename within one file system is atomic: a file under its hash is
//      always whole. Renaming onto a file already there (the same bytes, sent again) changes nothing.
// A process that dies between recording the fact and the rename leaves a whole staged file; the
// next open moves every staged file whose bytes match its name into place and removes the rest.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';

const SHA256_HEX = /^[0-9a-f]{64}$/;
const STAGING = '.staging';

export type ContentCheck =
  | { readonly kind: 'intact' }
  | { readonly kind: 'missing' }
  /** The file is there, but its bytes hash to something else. */
  | { readonly kind: 'altered'; readonly actualHash: string };

export interface StagedContent {
  readonly contentHash: string;
  readonly sizeBytes: number;
  /** Puts the staged bytes under their hash, durably. */
  commit(): Promise<void>;
  /** Removes the staged bytes: the fact naming them was not recorded. */
  discard(): Promise<void>;
}

export class ContentStore {
  private constructor(readonly dir: string) {}

  /**
   * Opens (making it when absent) the store in `dir` for the one process that writes it, and
   * finishes what a crash left staged.
   */
  static async open(dir: string): Promise<ContentStore> {
    await mkdir(join(dir, STAGING), { recursive: true });
    const store = new ContentStore(dir);
    await store.recover();
    return store;
  }

  /**
   * The store in `dir` for reading and checking only (the command line beside a running API): it
   * leaves the staging folder alone, where the writer's uploads in flight are.
   */
  static forReading(dir: string): ContentStore {
    return new ContentStore(dir);
  }

  static hashOf(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(contentHash: string): string {
    if (!SHA256_HEX.test(contentHash)) throw new Error(`not a SHA-256 in hex: ${contentHash}`);
    return join(this.dir, contentHash.slice(0, 2), contentHash.slice(2));
  }

  async stage(bytes: Buffer): Promise<StagedContent> {
    const contentHash = ContentStore.hashOf(bytes);
    const stagedPath = join(this.dir, STAGING, `${contentHash}.${randomBytes(8).toString('hex')}`);
    await writeDurably(stagedPath, bytes);
    return {
      contentHash,
      sizeBytes: bytes.length,
      commit: () => this.place(stagedPath, contentHash),
      discard: () => rm(stagedPath, { force: true }),
    };
  }

  /** The bytes kept under a hash, or undefined when there is no such file. */
  async read(contentHash: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(contentHash));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** Whether the file under a hash is there and still holds bytes of that hash (read in a stream). */
  async check(contentHash: string): Promise<ContentCheck> {
    const hash = createHash('sha256');
    try {
      for await (const chunk of createReadStream(this.pathOf(contentHash))) hash.update(chunk as Buffer);
    } catch (error) {
      if (isNotFound(error)) return { kind: 'missing' };
      throw error;
    }
    const actualHash = hash.digest('hex');
    return actualHash === contentHash ? { kind: 'intact' } : { kind: 'altered', actualHash };
  }

  private async place(stagedPath: string, contentHash: string): Promise<void> {
    const folder = join(this.dir, contentHash.slice(0, 2));
    await mkdir(folder, { recursive: true });
    await rename(stagedPath, this.pathOf(contentHash));
    await fsyncFolder(folder);
    // The folder's own entry in the store, for its first file.
    await fsyncFolder(this.dir);
  }

  private async recover(): Promise<void> {
    for (const name of await readdir(join(this.dir, STAGING))) {
      const stagedPath = join(this.dir, STAGING, name);
      const contentHash = name.split('.')[0];
      const whole = SHA256_HEX.test(contentHash) && (await stat(stagedPath)).isFile() && ContentStore.hashOf(await readFile(stagedPath)) === contentHash;
      if (whole) await this.place(stagedPath, contentHash);
      else await rm(stagedPath, { force: true, recursive: true });
    }
  }
}

async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const file = await open(path, 'wx');
  try {
    await file.writeFile(bytes);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function fsyncFolder(path: string): Promise<void> {
  const folder = await open(path, 'r');
  try {
    await folder.sync();
  } finally {
    await folder.close();
  }
}

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
