import type { Store } from '@nexuscommerce/server';

/** A request held just before it answers; `reached` resolves once it is held. */
export interface AnswerHold {
  reached: Promise<void>;
  release(): void;
}

/**
 * Holds the store write that records the answer of the request with `idempotencyKey` (the
 * idempotency middleware's `store.idempotency.complete`): the request has done its work but has not
 * answered, and its key is still claimed. So a second request with that key provably meets a
 * request still executing; no timing is involved. Only that one write waits; the server and its
 * store keep answering everything else.
 */
export function holdAnswers(store: Store, idempotencyKey: string): AnswerHold {
  const port = store.idempotency;
  const original = port.complete;
  let reached!: () => void;
  let release!: () => void;
  const hold = { reached: new Promise<void>((r) => (reached = r)), release: () => release() };
  const released = new Promise<void>((r) => (release = r));
  port.complete = async (...args: Parameters<Store['idempotency']['complete']>) => {
    if (args[1] !== idempotencyKey) return original.apply(port, args);
    port.complete = original;
    reached();
    await released;
    return original.apply(port, args);
  };
  return hold;
}
