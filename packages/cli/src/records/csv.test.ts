import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../usage-error.js';
import { readCsv } from './csv.js';
import { type Fields, SHAPES } from './shapes.js';
import { SourceError, type SourceItem } from './source.js';

/** Reads a CSV text, or the lines given, joined as a file's lines are. */
async function collect(text: string | string[], fields: Fields): Promise<SourceItem[]> {
  const items: SourceItem[] = [];
  for await (const item of readCsv(Readable.from([typeof text === 'string' ? text : text.join('\n')]), fields)) items.push(item);
  return items;
}

describe('readCsv', () => {
  it('builds nested records from dotted columns, reading numbers only where the spec has numbers', async () => {
    const csv = [
      'sku,title,price,weight_kg,attributes.color,attributes.size,images,gtin',
      'TEE-1,"Tee, black",0799.00,0.25,black,M,"[""https://img.example/1.png""]",04006381333931',
      'TEE-2,Tee,5.00,,,L,,',
    ];
    expect(await collect(csv, SHAPES.products)).toEqual([
      {
        line: 2,
        record: {
          sku: 'TEE-1',
          title: 'Tee, black',
          price: '0799.00',
          weight_kg: 0.25,
          attributes: { color: 'black', size: 'M' },
          images: ['https://img.example/1.png'],
          gtin: '04006381333931',
        },
      },
      { line: 3, record: { sku: 'TEE-2', title: 'Tee', price: '5.00', attributes: { size: 'L' } } },
    ]);
  });

  it('reads order lines from indexed columns and closes up the ones a row leaves empty', async () => {
    const items = await collect(
      [
        'external_ref,location_code,payment_method,placed_at,items.0.sku,items.0.quantity,items.1.sku,items.1.quantity',
        'POS-1,WH-1,cash,2026-01-02T10:00:00Z,A,2,B,1',
        'POS-2,WH-1,card,2026-01-02T11:00:00Z,,,C,3',
      ],
      SHAPES.orders,
    );
    expect(items.map((i) => ('record' in i ? i.record['items'] : i))).toEqual([
      [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1 }],
      [{ sku: 'C', quantity: 3 }],
    ]);
  });

  it('takes a whole object as a JSON cell (a dealer address)', async () => {
    const items = await collect('code,name,address\nD-1,Dealer,"{""line1"":""1 Main St"",""city"":""Pune"",""postal_code"":""411001"",""country"":""IN""}"\n', SHAPES.dealers);
    expect(items).toEqual([{ line: 2, record: { code: 'D-1', name: 'Dealer', address: { line1: '1 Main St', city: 'Pune', postal_code: '411001', country: 'IN' } } }]);
  });

  it('gives each record the line it starts on, past blank lines and cells spanning lines', async () => {
    const csv = 'sku,title,description\n\nA,One,"two\nlines"\nB,Two,\n\n\nC,Three,x\n';
    const items = await collect(csv, SHAPES.products);
    expect(items.map((i) => i.line)).toEqual([3, 5, 8]);
  });

  it('turns a bad cell or a short row into a problem on its line, and goes on', async () => {
    const csv = 'sku,title,weight_kg\nA,One,heavy\nB,Two\nC,Three,1.5\n';
    expect(await collect(csv, SHAPES.products)).toEqual([
      { line: 2, problem: { field: 'weight_kg', issue: 'is not a number: "heavy"' } },
      { line: 3, problem: { issue: 'has 2 cells, the header has 3' } },
      { line: 4, record: { sku: 'C', title: 'Three', weight_kg: 1.5 } },
    ]);
  });

  it('refuses a header naming a field the resource does not have, before any row', async () => {
    await expect(collect('sku,titel\nA,B\n', SHAPES.products)).rejects.toThrow(UsageError);
    await expect(collect('sku,titel\nA,B\n', SHAPES.products)).rejects.toThrow(/"titel" is not a field of this resource; the fields are sku, title/);
    await expect(collect('code,address.town\n', SHAPES.dealers)).rejects.toThrow(/"address.town" is not a field of "address"/);
    await expect(collect('sku,sku\n', SHAPES.products)).rejects.toThrow(/appears twice/);
    await expect(collect('items.first.sku\n', SHAPES.orders)).rejects.toThrow(/should be a position in the list/);
  });

  it('stops with a SourceError when the file cannot be parsed on', async () => {
    await expect(collect('sku,title\nA,"never closed\n', SHAPES.products)).rejects.toThrow(SourceError);
  });
});
