import type { Store } from '@nexuscommerce/server';

type IdempotencyPort = Store['idempotency'];

/** A request held just before it answers; `reached` resolves once it is held. */
export interface AnswerHold {
  reached: Promise<void>;
  release(): void;
}

/**
 * Holds the store write that records the answer of the request with `idempotencyKey` (the
 * idempotency middleware's `idempotency.complete`, inside the request's transaction on SQL stores
 * and after the handler on the memory store): the request has done its work but has not answered,
 * and its key is still claimed. So a second request with that key provably meets a request still
 * executing; no timing is involved. Only that one write waits; the server and its store keep
 * answering everything else.
 */
export function holdAnswers(store: Store, idempotencyKey: string): AnswerHold {
  let reached!: () => void;
  let release!: () => void;
  const hold = { reached: new Promise<void>((r) => (reached = r)), release: () => release() };
  const released = new Promise<void>((r) => (release = r));
  const transaction = store.transaction;
  const restore = () => {
    store.transaction = transaction;
    store.idempotency = port;
  };
  const held = (idempotency: IdempotencyPort): IdempotencyPort => ({
    ...idempotency,
    complete: async (...args) => {
      if (args[1] !== idempotencyKey) return idempotency.complete(...args);
      restore();
      reached();
      await released;
      return idempotency.complete(...args);
    },
  });
  const port = store.idempotency;
  store.idempotency = held(port);
  store.transaction = <T>(fn: (tx: Parameters<Parameters<Store['transaction']>[0]>[0]) => Promise<T>) =>
    transaction.call(store, (tx) => fn({ ...tx, idempotency: held(tx.idempotency) })) as Promise<T>;
  return hold;
}
