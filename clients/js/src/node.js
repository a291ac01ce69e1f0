// Node-only parts, kept out of the browser entry point (they import node: modules).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * One JSON file holding every key: the session, the mutation queue, the resume cursors. Writes
 * go to a temporary file renamed over the old one, so a process killed mid-write leaves the last
 * complete state; they are serialised, so the file always holds the last one.
 * @implements {import('./storage.js').StorageAdapter}
 */
export class FileStorage {
  /** @param {string} path */
  constructor(path) {
    this.path = path;
    /** @type {Promise<void>} */
    this.writes = Promise.resolve();
  }

  async read() {
    try {
      return JSON.parse(await readFile(this.path, 'utf8'));
    } catch (e) {
      if (e.code === 'ENOENT') return {};
      throw e;
    }
  }

  /** @param {(all: Record<string, any>) => void} change */
  update(change) {
    const next = this.writes.then(async () => {
      const all = await this.read();
      change(all);
      await mkdir(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(all));
      await rename(temporary, this.path);
    });
    this.writes = next.catch(() => {});
    return next;
  }

  async get(key) {
    await this.writes;
    return (await this.read())[key];
  }

  set(key, value) {
    return this.update((all) => {
      all[key] = value;
    });
  }

  delete(key) {
    return this.update((all) => {
      delete all[key];
    });
  }
}

export * from './index.js';
