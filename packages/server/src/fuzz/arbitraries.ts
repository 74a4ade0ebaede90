import fc from 'fast-check';

/** Any UTF-16 code unit, lone surrogates and U+0000 included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Strings people and attackers actually send: injections, edge code points, odd sizes. */
const NOTORIOUS = [
  '', ' ', '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud800y', '\udc00\ud800', '\ufeff', '\u202e', '\ufffd', '🙂',
  "' OR '1'='1", "'; DROP TABLE products; --", '"; SELECT pg_sleep(10); --', '$1', '\\', '%00', '%FF%FE', '%ED%A0%80',
  '../../etc/passwd', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '__proto__', 'constructor', 'null', 'NaN',
  '-1', '0', '1e308', '9'.repeat(400), 'é'.repeat(70), 'A'.repeat(65), 'A'.repeat(10_000),
];

/** A string from anywhere in UTF-16, or a notorious one. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NOTORIOUS),
  fc.string({ unit: codeUnit, maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Nested arrays or objects, as deep as a value can be and still be built and stringified. */
const deep: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 50, max: 300 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** A JSON value of any type and an unhelpful size: the wrong type for most fields. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, [], {}),
  fc.double(),
  deep,
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => Array.from({ length: n }, () => ({}))),
  fc.dictionary(hostileString, hostileString, { maxKeys: 5 }),
  fc.array(hostileString, { maxLength: 5 }),
);

/** A header value Fetch accepts (ISO-8859-1, no CR, LF or NUL), hostile within those rules. */
export const hostileHeader: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', "' OR 1=1 --", 'Bearer', 'Bearer ', 'Bearer nxc_test_', 'nxc_live_' + 'A'.repeat(40), 'x'.repeat(300)),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0xff }).filter((n) => n !== 0x7f).map((n) => String.fromCharCode(n)), maxLength: 60 }),
  fc.integer({ min: 17_000, max: 40_000 }).map((n) => 'h'.repeat(n)),
);

/** Bodies that are not the JSON they claim to be. */
export const hostileRawBody: fc.Arbitrary<Uint8Array<ArrayBuffer> | string> = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,]', '{"a":1}{"b":2}', 'nul', '\ufeff{}', '{"sku":"\\ud800"}', '{"__proto__":{"x":1}}'),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => new Uint8Array(bytes)),
  fc.constant(new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])),
  fc.integer({ min: 1, max: 3 }).map((n) => '['.repeat(n * 100_000)),
  fc.constant(`{"title":"${'x'.repeat(1024 * 1024)}"}`),
  // Deeper than any value the test itself could build: only as text.
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  fc.integer({ min: 1_000, max: 100_000 }).map((n) => `{"items":${'['.repeat(n)}${']'.repeat(n)}}`),
);

/**
 * One path segment as a client could put it on the wire: percent-encoded, with lone surrogates
 * as the (invalid) UTF-8 bytes a careless encoder writes.
 */
export function encodeSegment(value: string): string {
  let out = '';
  for (const char of value) {
    const unit = char.charCodeAt(0);
    out += unit >= 0xd800 && unit <= 0xdfff && char.length === 1 ? '%ED%A0%80' : encodeURIComponent(char);
  }
  return out;
}
