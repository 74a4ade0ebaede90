import { describe, expect, it } from 'vitest';
import { httpProblems } from './http.js';

describe('httpProblems', () => {
  it('accepts a request line the spec has, with a query and header lines', () => {
    expect(httpProblems('GET /v1/products/TSH-00001?fields=sku\nPrefer: code=404   → the 404 example')).toEqual([]);
  });

  it('names a path or method the spec does not have, and lines that are no headers', () => {
    expect(httpProblems('GET /v1/product/TSH-00001')).toEqual(['"GET /v1/product/TSH-00001" is no operation of the spec']);
    expect(httpProblems('PUT /v1/products/TSH-00001')).toEqual(['"PUT /v1/products/TSH-00001" is no operation of the spec']);
    expect(httpProblems('GET /v1/products\nnot a header')).toEqual(['"not a header" is not a "Name: value" header line']);
  });
});
