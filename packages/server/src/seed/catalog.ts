import type { Random } from './random.js';

/** Categories of the sandbox catalog: a two-level tree, parents first. */
export const CATEGORIES = [
  { category_code: 'electronics', name: 'Electronics', parent_code: null },
  { category_code: 'electronics-mobiles', name: 'Mobile Accessories', parent_code: 'electronics' },
  { category_code: 'electronics-audio', name: 'Audio', parent_code: 'electronics' },
  { category_code: 'apparel', name: 'Apparel', parent_code: null },
  { category_code: 'apparel-tshirts', name: 'T-Shirts', parent_code: 'apparel' },
  { category_code: 'apparel-kurtas', name: 'Kurtas', parent_code: 'apparel' },
  { category_code: 'home-kitchen', name: 'Home & Kitchen', parent_code: null },
  { category_code: 'home-cookware', name: 'Cookware', parent_code: 'home-kitchen' },
  { category_code: 'grocery', name: 'Grocery', parent_code: null },
  { category_code: 'grocery-staples', name: 'Staples', parent_code: 'grocery' },
  { category_code: 'digital', name: 'Digital', parent_code: null },
  { category_code: 'digital-gift-cards', name: 'Gift Cards', parent_code: 'digital' },
] as const;

interface Template {
  category: string;
  prefix: string;
  brands: string[];
  nouns: string[];
  variants: string[];
  /** Price range in whole rupees. */
  price: [number, number];
  weightKg: [number, number] | null;
  attributes: (random: Random) => Record<string, string>;
}

const COLOURS = ['black', 'white', 'navy', 'maroon', 'olive', 'grey', 'mustard', 'teal'];
const SIZES = ['XS', 'S', 'M', 'L', 'XL', 'XXL'];

const TEMPLATES: Template[] = [
  { category: 'electronics-mobiles', prefix: 'MOB', brands: ['Volta', 'Zento', 'Ampere'], nouns: ['Fast Charger 33W', 'USB-C Cable 1 m', 'Power Bank 10000 mAh', 'Phone Case', 'Tempered Glass'], variants: ['Black', 'White', 'Blue'], price: [199, 2499], weightKg: [0.05, 0.4], attributes: (r) => ({ warranty_months: String(r.pick([6, 12, 24])) }) },
  { category: 'electronics-audio', prefix: 'AUD', brands: ['Sonique', 'Bassline', 'Tarang'], nouns: ['Wireless Earbuds', 'Neckband', 'Bluetooth Speaker', 'Over-Ear Headphones'], variants: ['Black', 'Graphite', 'Sand'], price: [799, 7999], weightKg: [0.05, 0.9], attributes: (r) => ({ battery_hours: String(r.int(6, 40)) }) },
  { category: 'apparel-tshirts', prefix: 'TSH', brands: ['Kapas', 'Urban Loom', 'Tiruppur Co.'], nouns: ['Classic Cotton T-Shirt', 'Polo T-Shirt', 'Oversized T-Shirt'], variants: SIZES, price: [299, 1299], weightKg: [0.15, 0.3], attributes: (r) => ({ colour: r.pick(COLOURS), material: r.pick(['cotton', 'cotton blend', 'linen']) }) },
  { category: 'apparel-kurtas', prefix: 'KUR', brands: ['Rangoli', 'Jaipur Threads', 'Khadi Gram'], nouns: ['Straight Kurta', 'Anarkali Kurta', 'Short Kurti'], variants: SIZES, price: [499, 3499], weightKg: [0.2, 0.5], attributes: (r) => ({ colour: r.pick(COLOURS), fabric: r.pick(['cotton', 'rayon', 'khadi', 'silk blend']) }) },
  { category: 'home-cookware', prefix: 'CKW', brands: ['Tawa House', 'Steelcraft', 'Annapurna'], nouns: ['Pressure Cooker 3 L', 'Cast Iron Tawa', 'Kadhai 24 cm', 'Steel Tiffin 3-Tier'], variants: ['Standard', 'Induction Base'], price: [349, 4999], weightKg: [0.6, 3.5], attributes: (r) => ({ material: r.pick(['stainless steel', 'cast iron', 'aluminium']) }) },
  { category: 'grocery-staples', prefix: 'GRC', brands: ['Khet Se', 'Daily Harvest', 'Annadata'], nouns: ['Basmati Rice', 'Toor Dal', 'Cold-Pressed Groundnut Oil', 'Whole Wheat Atta'], variants: ['1 kg', '5 kg', '500 g'], price: [89, 1299], weightKg: [0.5, 5], attributes: () => ({ shelf_life_days: '365' }) },
  { category: 'digital-gift-cards', prefix: 'GFT', brands: ['NexusCommerce'], nouns: ['E-Gift Card'], variants: ['500', '1000', '2000', '5000'], price: [500, 5000], weightKg: null, attributes: () => ({ delivery: 'email' }) },
];

/** A GTIN-13 with the GS1 India prefix (890) and a correct check digit. */
export function gtin13(random: Random): string {
  const body = `890${Array.from({ length: 9 }, () => random.int(0, 9)).join('')}`;
  const sum = [...body].reverse().reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const money = (rupees: number) => rupees.toFixed(2);

/**
 * The `n`th product of the seeded catalog, as a create-product body. Every value comes from
 * `random`, so the catalog is a function of the seed.
 */
export function productBody(random: Random, n: number): Record<string, unknown> {
  const t = random.pick(TEMPLATES);
  const brand = random.pick(t.brands);
  const noun = random.pick(t.nouns);
  const variant = random.pick(t.variants);
  const digital = t.weightKg === null;
  // Prices end in .00, .50 or .99 like real price lists.
  const whole = random.int(t.price[0], t.price[1]);
  const price = digital ? Number(variant) : whole + random.pick([0, 0.5, 0.99]);
  const sku = `${t.prefix}-${String(n + 1).padStart(5, '0')}`;
  return {
    sku,
    title: digital ? `${brand} ${noun} ₹${variant}` : `${brand} ${noun}, ${variant}`,
    description: `${noun} by ${brand}.`,
    status: random.pick(['active', 'active', 'active', 'active', 'active', 'active', 'active', 'draft', 'inactive']),
    kind: digital ? 'digital' : 'physical',
    gtin: !digital && random.chance(0.7) ? gtin13(random) : null,
    category_code: t.category,
    price: money(price),
    cost_price: digital ? null : money(Math.round(price * (0.4 + random.next() * 0.3))),
    currency: 'INR',
    tax_rate: '18.00',
    weight_kg: t.weightKg ? Math.round((t.weightKg[0] + random.next() * (t.weightKg[1] - t.weightKg[0])) * 100) / 100 : null,
    images: [`https://cdn.nexuscommerce.example/img/${sku.toLowerCase()}.jpg`],
    attributes: { brand, ...t.attributes(random) },
    external_ref: random.chance(0.5) ? `ERP-${100000 + n}` : null,
  };
}

const FIRST = ['Asha', 'Rohan', 'Priya', 'Arjun', 'Meera', 'Vikram', 'Ananya', 'Karan', 'Divya', 'Sanjay', 'Neha', 'Imran', 'Lakshmi', 'Farhan', 'Kavya'];
const LAST = ['Verma', 'Iyer', 'Sharma', 'Reddy', 'Nair', 'Khan', 'Patel', 'Das', 'Menon', 'Gupta', 'Singh', 'Joshi'];

/** The `n`th customer: unique E.164 Indian mobile number and e-mail. */
export function customerBody(random: Random, n: number): Record<string, unknown> {
  const first = random.pick(FIRST);
  const last = random.pick(LAST);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${n + 1}@example.com`.toLowerCase(),
    phone: `+91${random.pick(['98', '97', '90', '88', '70'])}${String(10_000_000 + n * 7919).slice(-8)}`,
    external_ref: `CRM-${20000 + n}`,
  };
}

export const LOCATIONS = ['WH-MUMBAI', 'WH-DELHI', 'STORE-PUNE'] as const;
