/**
 * Runs async sections one at a time. The memory store uses it to make transactions serializable:
 * plain Maps have no isolation of their own.
 */
export class Mutex {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(fn);
    // The next section waits for this one whether it succeeded or not.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
