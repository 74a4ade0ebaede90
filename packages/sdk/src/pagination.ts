import type { ListMeta } from './schema.js';

/** What every list operation answers: `{data: [...], meta: {limit, next_cursor, has_more, total?}}`. */
export interface ListEnvelope<Item> {
  data: Item[];
  meta: ListMeta;
}

/** Fetches one page; `cursor` is `undefined` for the first. The only thing pagination needs. */
export type FetchPage<Item> = (cursor: string | undefined) => Promise<ListEnvelope<Item>>;

/** Walking items from a sequence of pages, shared by `Page` and `PagePromise`. */
abstract class Pages<Item> implements AsyncIterable<Item> {
  /** The pages from here on, each fetched only when the loop asks for it. */
  abstract pages(): AsyncGenerator<Page<Item>, void, undefined>;

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Up to `max` items from here on; `max` is required so a huge list is never loaded by accident. */
  async toArray(options: { max: number }): Promise<Item[]> {
    // JavaScript callers can leave the cap out: say what to pass rather than fail on `undefined.max`.
    const max = options?.max;
    if (typeof max !== 'number' || Number.isNaN(max)) {
      throw new TypeError('toArray() needs a cap, e.g. toArray({ max: 1000 }), so a growing list cannot fill memory; use `for await` to visit every item');
    }
    const items: Item[] = [];
    if (max > 0) {
      for await (const item of this) if (items.push(item) >= max) break;
    }
    return items;
  }
}

/**
 * One page of a list, and the way to the next ones. Iterating walks every item of this page and
 * of every following page, holding one page in memory at a time.
 * @example
 * const page = await nexus.products.list({ limit: 100 });
 * for await (const product of page) console.log(product.sku);
 */
export class Page<Item> extends Pages<Item> {
  readonly data: Item[];
  readonly meta: ListMeta;
  // TypeScript-private rather than #private: the published .d.ts must type-check for ES5 targets too.
  private readonly fetchPage: FetchPage<Item>;

  constructor(envelope: ListEnvelope<Item>, fetchPage: FetchPage<Item>) {
    super();
    this.data = envelope.data;
    this.meta = envelope.meta;
    this.fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    // A server that says has_more without a cursor would otherwise loop forever on page one.
    return this.meta.has_more && !!this.meta.next_cursor;
  }

  /** The following page, or `null` after the last one. */
  async nextPage(): Promise<Page<Item> | null> {
    return this.hasNextPage() ? new Page(await this.fetchPage(this.meta.next_cursor!), this.fetchPage) : null;
  }

  /** This page, then each following page, fetched only when the loop asks for it. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    for (let page: Page<Item> | null = this; page; page = await page.nextPage()) yield page;
  }
}

/**
 * What `list()` returns: `await` it for the first page, or `for await` it for every item.
 * Nothing is fetched until it is used.
 * @example
 * for await (const product of nexus.products.list({ status: 'active' })) console.log(product.sku);
 * const first50 = await nexus.products.list().toArray({ max: 50 });
 */
export class PagePromise<Item> extends Pages<Item> implements PromiseLike<Page<Item>> {
  private readonly fetchPage: FetchPage<Item>;
  private first: Promise<Page<Item>> | undefined;

  constructor(fetchPage: FetchPage<Item>) {
    super();
    this.fetchPage = fetchPage;
  }

  then<A = Page<Item>, B = never>(
    onFulfilled?: ((page: Page<Item>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.first ??= this.fetchPage(undefined).then((envelope) => new Page(envelope, this.fetchPage));
    return this.first.then(onFulfilled, onRejected);
  }

  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    yield* (await this).pages();
  }
}

/** Turns a cursor-taking fetch into a lazily fetched, iterable list. */
export function paginate<Item>(fetchPage: FetchPage<Item>): PagePromise<Item> {
  return new PagePromise(fetchPage);
}
