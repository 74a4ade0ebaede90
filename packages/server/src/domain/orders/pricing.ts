import type { ErrorDetail } from '../../errors.js';
import type { StoreOps } from '../../store/port.js';
import type { OrderItemRecord, OrderRecord, PaymentMethod } from '../../store/orders.js';
import type { Partition } from '../../store/partition.js';
import type { ProductKind } from '../../store/products.js';
import { ACCOUNT_CURRENCY, formatMinor, lineTax, minorUnits } from '../money.js';

/** One line of a new or imported order, as sent (the spec's OrderItemCreate). */
export interface OrderLineInput {
  sku: string;
  quantity: number;
  unit_price?: string;
}

export interface PricedOrder {
  items: OrderItemRecord[];
  /** The kind of each line's product, in `items` order. */
  kinds: ProductKind[];
  subtotal: string;
  tax_total: string;
  total: string;
}

/**
 * The fields an order takes from its request and its pricing, the same for a new order and an
 * imported one; status, number, keys and timestamps are each path's own.
 */
export function orderFields(
  input: { customer_id?: string | null; location_code: string; marketplace?: string | null; payment_method: PaymentMethod; external_ref?: string | null },
  priced: PricedOrder,
): Pick<OrderRecord, 'customer_id' | 'location_code' | 'marketplace' | 'items' | 'subtotal' | 'tax_total' | 'total' | 'currency' | 'payment_method' | 'external_ref'> {
  return {
    customer_id: input.customer_id ?? null,
    location_code: input.location_code,
    marketplace: input.marketplace ?? null,
    items: priced.items,
    subtotal: priced.subtotal,
    tax_total: priced.tax_total,
    total: priced.total,
    currency: ACCOUNT_CURRENCY,
    payment_method: input.payment_method,
    external_ref: input.external_ref ?? null,
  };
}

// The largest amount the spec's `Amount` pattern can carry, in minor units.
const MAX_AMOUNT = 999_999_999_999_999n;

/**
 * Prices the lines (at `unit_price` or the product's price; tax per line at the product's
 * `tax_rate`, half-up) or lists every line that cannot be priced. `requireActive` is false for
 * imports of history, where a since-retired product is still a known SKU.
 */
export async function priceOrder(
  tx: StoreOps,
  p: Partition,
  lines: OrderLineInput[],
  options: { requireActive: boolean },
): Promise<PricedOrder | ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const items: OrderItemRecord[] = [];
  const kinds: ProductKind[] = [];
  let subtotal = 0n;
  let tax = 0n;
  for (const [index, line] of lines.entries()) {
    const field = `items.${index}`;
    if (seen.has(line.sku)) {
      problems.push({ field: `${field}.sku`, issue: `repeats SKU ${line.sku}; each SKU may appear once per order` });
      continue;
    }
    seen.add(line.sku);
    const product = await tx.products.get(p, line.sku);
    if (!product) {
      problems.push({ field: `${field}.sku`, issue: `no product with SKU ${line.sku}` });
      continue;
    }
    if (options.requireActive && product.status !== 'active') {
      problems.push({ field: `${field}.sku`, issue: `product ${line.sku} is ${product.status}, not active` });
      continue;
    }
    if (line.unit_price === undefined && product.currency !== ACCOUNT_CURRENCY) {
      problems.push({ field: `${field}.unit_price`, issue: `is required: product ${line.sku} is priced in ${product.currency}, not ${ACCOUNT_CURRENCY}` });
      continue;
    }
    const unit = minorUnits(line.unit_price ?? product.price);
    const lineTotal = BigInt(unit) * BigInt(line.quantity);
    if (lineTotal > MAX_AMOUNT) {
      problems.push({ field: `${field}.quantity`, issue: 'makes the line total larger than an amount can be' });
      continue;
    }
    subtotal += lineTotal;
    tax += BigInt(lineTax(Number(lineTotal), product.tax_rate));
    items.push({ sku: line.sku, quantity: line.quantity, unit_price: formatMinor(unit), line_total: formatMinor(Number(lineTotal)) });
    kinds.push(product.kind);
  }
  if (problems.length === 0 && subtotal + tax > MAX_AMOUNT) {
    problems.push({ field: 'items', issue: 'make the order total larger than an amount can be' });
  }
  if (problems.length > 0) return problems;
  return {
    items,
    kinds,
    subtotal: formatMinor(Number(subtotal)),
    tax_total: formatMinor(Number(tax)),
    total: formatMinor(Number(subtotal + tax)),
  };
}

/** `ORD-YYYY-NNNNNN` from the partition's counter for the UTC year of `at`. */
export async function nextOrderNumber(tx: StoreOps, p: Partition, at: string): Promise<string> {
  const year = new Date(at).getUTCFullYear();
  const sequence = await tx.orders.nextSequence(p, year);
  return `ORD-${year}-${String(sequence).padStart(6, '0')}`;
}
