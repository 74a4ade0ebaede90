/**
 * The memory store's transactions: one at a time (plain Maps have no isolation of their own),
 * each with an undo log that a throw replays backwards. Every table write records its undo here.
 *
 * @example
 * await journal.run(async () => { table.write(part, row); throw new Error('rolled back'); });
 */
export class Journal {
  #tail: Promise<unknown> = Promise.resolve();
  #log: (() => void)[] | null = null;

  /** Records how to undo a write of the running transaction. */
  record(undo: () => void): void {
    if (!this.#log) throw new Error('A memory store write outside a transaction');
    this.#log.push(undo);
  }

  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(async () => {
      const log: (() => void)[] = [];
      this.#log = log;
      try {
        return await fn();
      } catch (error) {
        for (let i = log.length - 1; i >= 0; i--) log[i]!();
        throw error;
      } finally {
        this.#log = null;
      }
    });
    // The next transaction waits for this one, whether it commits or rolls back.
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
