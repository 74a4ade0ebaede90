import type { ListMeta } from './schema.js';

/** What every list operation answers: `{data: [...], meta: {limit, next_cursor, has_more, total?}}`. */
export interface ListEnvelope<Item> {
  data: Item[];
  meta: ListMeta;
}

/** Fetches one page; `cursor` is `undefined` for the first. The only thing pagination needs. */
export type FetchPage<Item> = (cursor: string | undefined) => Promise<ListEnvelope<Item>>;

/**
 * One page of a list, and the way to the next ones. Iterating walks every item of this page and
 * of every following page, holding one page in memory at a time.
 * @example
 * const page = await nexus.products.list({ limit: 100 });
 * for await (const product of page) console.log(product.sku);
 */
export class Page<Item> implements AsyncIterable<Item> {
  readonly data: Item[];
  readonly meta: ListMeta;
  readonly #fetchPage: FetchPage<Item>;

  constructor(envelope: ListEnvelope<Item>, fetchPage: FetchPage<Item>) {
    this.data = envelope.data;
    this.meta = envelope.meta;
    this.#fetchPage = fetchPage;
  }

  hasNextPage(): boolean {
    // A server that says has_more without a cursor would otherwise loop forever on page one.
    return this.meta.has_more && !!this.meta.next_cursor;
  }

  /** The following page, or `null` after the last one. */
  async nextPage(): Promise<Page<Item> | null> {
    if (!this.hasNextPage()) return null;
    return new Page(await this.#fetchPage(this.meta.next_cursor!), this.#fetchPage);
  }

  /** This page, then each following page, fetched only when the loop asks for it. */
  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    for (let page: Page<Item> | null = this; page; page = await page.nextPage()) yield page;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Up to `max` items from here on; `max` is required so a huge list is never loaded by accident. */
  async toArray(options: { max: number }): Promise<Item[]> {
    const items: Item[] = [];
    if (options.max <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= options.max) break;
    }
    return items;
  }
}

/**
 * What `list()` returns: `await` it for the first page, or `for await` it for every item.
 * Nothing is fetched until it is used.
 * @example
 * for await (const product of nexus.products.list({ status: 'active' })) console.log(product.sku);
 * const first50 = await nexus.products.list().toArray({ max: 50 });
 */
export class PagePromise<Item> implements PromiseLike<Page<Item>>, AsyncIterable<Item> {
  readonly #fetchPage: FetchPage<Item>;
  #first: Promise<Page<Item>> | undefined;

  constructor(fetchPage: FetchPage<Item>) {
    this.#fetchPage = fetchPage;
  }

  #firstPage(): Promise<Page<Item>> {
    this.#first ??= this.#fetchPage(undefined).then((envelope) => new Page(envelope, this.#fetchPage));
    return this.#first;
  }

  then<A = Page<Item>, B = never>(
    onFulfilled?: ((page: Page<Item>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#firstPage().then(onFulfilled, onRejected);
  }

  async *pages(): AsyncGenerator<Page<Item>, void, undefined> {
    yield* (await this.#firstPage()).pages();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined> {
    yield* await this.#firstPage();
  }

  async toArray(options: { max: number }): Promise<Item[]> {
    return (await this.#firstPage()).toArray(options);
  }
}

/** Turns a cursor-taking fetch into a lazily fetched, iterable list. */
export function paginate<Item>(fetchPage: FetchPage<Item>): PagePromise<Item> {
  return new PagePromise(fetchPage);
}
