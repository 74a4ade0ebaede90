import type { Store } from '@nexuscommerce/server';

/** A request held just before it answers; `reached` resolves once it is held. */
export interface AnswerHold {
  reached: Promise<void>;
  release(): void;
}

/**
 * Holds the store write that records the answer of the request with `idempotencyKey` (the
 * idempotency middleware's `completeIdempotencyKey`): the request has done its work but has not
 * answered, and its key is still claimed. So a second request with that key provably meets a
 * request still executing; no timing is involved. Only that one write waits; the server and its
 * store keep answering everything else.
 */
export function holdAnswers(store: Store, idempotencyKey: string): AnswerHold {
  const original = store.completeIdempotencyKey;
  let reached!: () => void;
  let release!: () => void;
  const hold = { reached: new Promise<void>((r) => (reached = r)), release: () => release() };
  const released = new Promise<void>((r) => (release = r));
  store.completeIdempotencyKey = async (...args: Parameters<Store['completeIdempotencyKey']>) => {
    if (args[1] !== idempotencyKey) return original.apply(store, args);
    store.completeIdempotencyKey = original;
    reached();
    await released;
    return original.apply(store, args);
  };
  return hold;
}
