/** A minimal event emitter (browsers and Node alike). */
export class Emitter {
  constructor() {
    /** @type {Map<string, Set<Function>>} */
    this.listeners = new Map();
  }

  /**
   * @param {string} name
   * @param {(payload: any) => void} listener
   * @returns {() => void} removes the listener
   */
  on(name, listener) {
    if (!this.listeners.has(name)) this.listeners.set(name, new Set());
    this.listeners.get(name).add(listener);
    return () => this.listeners.get(name)?.delete(listener);
  }

  /**
   * @param {string} name
   * @param {any} [payload]
   */
  emit(name, payload) {
    for (const listener of [...(this.listeners.get(name) || [])]) {
      try {
        listener(payload);
      } catch (e) {
        // a listener's bug must not stop the queue or the socket
        console.error(`@fashionos/client: a '${name}' listener threw`, e);
      }
    }
  }
}
