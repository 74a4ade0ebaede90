import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Test-only: input files written to a fresh temporary folder.

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `nexus-cli-${prefix}-`));
}

/** `count` products as JSON Lines, SKUs `<prefix>-000000` upwards. */
export function writeProductsJsonl(file: string, count: number, prefix = 'SKU'): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ sku: `${prefix}-${String(i).padStart(6, '0')}`, title: `Product ${i}`, price: `${(i % 900) + 100}.00`, currency: 'INR' }));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
