import { describe, expectTypeOf, it } from 'vitest';
import { createNexusClient } from './client.js';
import type { PagePromise } from './pagination.js';
import type { Schemas } from './schema.js';

const nexus = createNexusClient({ apiKey: 'nxc_test_x' });

type ItemOf<P> = P extends PagePromise<infer Item> ? Item : never;
/** Mutually assignable with the same keys: one shape, however the compiler spells it. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;

describe('a list call with fields= is typed as the projection it answers', () => {
  it('without fields, every field: the resource itself', () => {
    const products = nexus.products.list({ limit: 10 });
    expectTypeOf<Same<ItemOf<typeof products>, Schemas['Product']>>().toEqualTypeOf<true>();
    const levels = nexus.inventory.list();
    expectTypeOf<Same<ItemOf<typeof levels>, Schemas['InventoryLevel']>>().toEqualTypeOf<true>();
  });

  it('with fields, exactly those fields plus the key, each with its own type', () => {
    const page = nexus.products.list({ fields: 'title,price', status: 'active' });
    type Item = ItemOf<typeof page>;
    expectTypeOf<keyof Item>().toEqualTypeOf<'sku' | 'title' | 'price'>();
    expectTypeOf<Same<Item, Pick<Schemas['Product'], 'sku' | 'title' | 'price'>>>().toEqualTypeOf<true>();
    expectTypeOf<Item['price']>().toEqualTypeOf<string>();
    expectTypeOf<Item['sku']>().toEqualTypeOf<string>();
  });

  it("adds each resource's own key: sku and location_code for inventory, id for orders and ledgers", () => {
    expectTypeOf<keyof ItemOf<ReturnType<typeof nexus.inventory.list<'on_hand'>>>>().toEqualTypeOf<'sku' | 'location_code' | 'on_hand'>();
    expectTypeOf<keyof ItemOf<ReturnType<typeof nexus.orders.list<'status,total'>>>>().toEqualTypeOf<'id' | 'status' | 'total'>();
    const ledger = nexus.wallets.listTransactions('cus_1', { fields: 'amount' });
    expectTypeOf<keyof ItemOf<typeof ledger>>().toEqualTypeOf<'id' | 'amount'>();
    expectTypeOf<keyof ItemOf<ReturnType<typeof nexus.categories.list<'category_code'>>>>().toEqualTypeOf<'category_code'>();
  });

  it('carries the projection through pages and iteration', async () => {
    const page = await nexus.dealers.list({ fields: 'name' });
    expectTypeOf(page.data[0]!).toEqualTypeOf<Pick<Required<Schemas['DealerProjection']>, 'code' | 'name'>>();
    for await (const dealer of nexus.dealers.list({ fields: 'name' })) expectTypeOf(dealer).toHaveProperty('name');
  });

  it('refuses a field the resource does not have', () => {
    // @ts-expect-error: products have no `colour` field (attributes.colour is not top-level)
    nexus.products.list({ fields: 'sku,colour' });
    // @ts-expect-error: `fields` is a comma list, not an array
    nexus.products.list({ fields: ['sku'] });
  });

  it('a fields list built at run time gives the projection schema: the key, the rest maybe', () => {
    const chosen: string = ['title', 'price'].join(',');
    type Item = ItemOf<ReturnType<typeof nexus.products.list<typeof chosen>>>;
    expectTypeOf<Item>().toEqualTypeOf<Schemas['ProductProjection']>();
    expectTypeOf<Item['sku']>().toEqualTypeOf<string>();
    expectTypeOf<Item['title']>().toEqualTypeOf<string | undefined>();
    nexus.products.list({ fields: chosen });
  });
});
