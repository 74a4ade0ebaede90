import type { Listing, Product } from '../../store/products.js';

/**
 * A SIMULATED marketplace connector. The reference server talks to no real marketplace: a sync
 * "refreshes" a product's listings with values derived deterministically from the SKU and the
 * marketplace, so the same sync always gives the same listing (tests and demos can rely on it).
 * A real deployment replaces this module with connectors to the marketplaces' APIs.
 */
export const SIMULATED_MARKETPLACES = ['amazon', 'flipkart', 'shopify', 'meesho', 'own_store'] as const;

const PREFIX: Record<string, string> = { amazon: 'B0', flipkart: 'FSN', shopify: 'SHP', meesho: 'MSH', own_store: 'OWN' };

/** FNV-1a: a stable hash, so the simulated ids and quantities never change between runs. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) {
    h ^= char.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The listing the simulated marketplace reports for the product.
 *
 * @example
 * simulatedListing(product, 'amazon', '2026-01-01T00:00:00.000Z'); // { external_id: 'B0…', … }
 */
export function simulatedListing(product: Product, marketplace: string, syncedAt: string): Listing {
  const h = hash(`${product.sku}|${marketplace}`);
  return {
    marketplace,
    external_id: `${PREFIX[marketplace] ?? 'EXT'}${h.toString(36).toUpperCase().padStart(8, '0')}`,
    price: product.price,
    quantity: h % 100,
    status: product.status === 'active' ? 'active' : 'inactive',
    last_synced_at: syncedAt,
  };
}

/** Which marketplaces a sync refreshes: the ones asked for, else the product's current listings, else all. */
export function marketplacesToSync(product: Product, requested: string[] | null | undefined): string[] {
  if (requested && requested.length > 0) return [...new Set(requested)];
  if (product.listings.length > 0) return product.listings.map((l) => l.marketplace);
  return [...SIMULATED_MARKETPLACES];
}
