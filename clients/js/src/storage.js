/**
 * Storage adapters: where the session, the mutation queue and the resume cursors are kept.
 * Every adapter stores JSON values by key and answers promises, so IndexedDB fits the same shape.
 *
 * @typedef {object} StorageAdapter
 * @property {(key: string) => Promise<any>} get the value, or undefined
 * @property {(key: string, value: any) => Promise<void>} set
 * @property {(key: string) => Promise<void>} delete
 */

/** Kept in memory: gone with the process (tests, or Node scripts that need no persistence). */
export class MemoryStorage {
  constructor() {
    /** @type {Map<string, string>} */
    this.values = new Map();
  }

  async get(key) {
    const text = this.values.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async set(key, value) {
    // stored as text so a caller mutating its object cannot change what was stored
    this.values.set(key, JSON.stringify(value));
  }

  async delete(key) {
    this.values.delete(key);
  }
}

/** The browser's localStorage (small values: the session, cursors). */
export class LocalStorageAdapter {
  /**
   * @param {Storage} [storage] defaults to globalThis.localStorage
   * @param {string} [prefix]
   */
  constructor(storage = globalThis.localStorage, prefix = 'fashionos:') {
    this.storage = storage;
    this.prefix = prefix;
  }

  async get(key) {
    const text = this.storage.getItem(this.prefix + key);
    return text === null ? undefined : JSON.parse(text);
  }

  async set(key, value) {
    this.storage.setItem(this.prefix + key, JSON.stringify(value));
  }

  async delete(key) {
    this.storage.removeItem(this.prefix + key);
  }
}

/** IndexedDB (browsers): room for a queue holding uploads, which localStorage's ~5 MB has not. */
export class IndexedDbStorage {
  /** @param {string} [name] the database's name */
  constructor(name = 'fashionos-client') {
    this.name = name;
    /** @type {Promise<IDBDatabase>|null} */
    this.db = null;
  }

  /** @returns {Promise<IDBDatabase>} */
  open() {
    if (!this.db) {
      this.db = new Promise((resolve, reject) => {
        const request = globalThis.indexedDB.open(this.name, 1);
        request.onupgradeneeded = () => request.result.createObjectStore('kv');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    }
    return this.db;
  }

  /**
   * @param {IDBTransactionMode} mode
   * @param {(store: IDBObjectStore) => IDBRequest} action
   */
  async run(mode, action) {
    const db = await this.open();
    return new Promise((resolve, reject) => {
      const transaction = db.transaction('kv', mode);
      const request = action(transaction.objectStore('kv'));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
    });
  }

  get(key) {
    return this.run('readonly', (store) => store.get(key));
  }

  async set(key, value) {
    await this.run('readwrite', (store) => store.put(value, key));
  }

  async delete(key) {
    await this.run('readwrite', (store) => store.delete(key));
  }
}

/** The platform's usual choice: IndexedDB in browsers, else localStorage, else memory. */
export function defaultStorage() {
  if (globalThis.indexedDB) return new IndexedDbStorage();
  if (globalThis.localStorage) return new LocalStorageAdapter();
  return new MemoryStorage();
}
