import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { spec } from '../src/index.js';
import { referenceHtml, referencePath, referenceResponse, serveReference } from '../src/reference.js';
import { SCALAR_OPTIONS, inlineJson, inlineScript, renderReferencePage } from '../scripts/reference-page.mjs';

const page = readFileSync(referencePath, 'utf8');

describe('inlining into <script>', () => {
  it('leaves no sequence that would end or re-open the element, and means the same to JS', () => {
    const source = 'return ["</script>", "<!-- x -->", `<SCRIPT src=a>`, /<\\/script>/.source, /<!--|<script/iu.test("<script")]';
    const inlined = inlineScript(source);
    expect(inlined).not.toMatch(/<!--|<\/?script/i);
    expect(new Function(inlined)()).toEqual(new Function(source)());
  });

  it('escapes JSON so that a `</script>` inside a description cannot end the element', () => {
    const value = { description: 'see </script><script>alert(1)</script>' };
    const inlined = inlineJson(value);
    expect(inlined).not.toContain('<');
    expect(JSON.parse(inlined)).toEqual(value);
  });
});

describe('the built page', () => {
  it('carries the bundled spec unchanged', () => {
    const json = /<script type="application\/json" id="openapi-document">(.*?)<\/script>/s.exec(page)?.[1];
    expect(JSON.parse(json!)).toEqual(spec);
  });

  it('is the renderer and the spec only: three inline scripts, nothing loaded from elsewhere', () => {
    expect(page.match(/<script/g)).toHaveLength(3);
    expect(page).not.toMatch(/<script[^>]+src=/);
    expect(page).not.toMatch(/<link[^>]+href="(?!data:)/);
    // The Content-Security-Policy forbids fetching fonts, images, styles or scripts from any origin.
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)?.[1] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/font-src data:;/);
    expect(csp).toMatch(/script-src 'unsafe-inline';/);
  });

  it('turns off what Scalar would fetch or send: web fonts, telemetry, the hosted AI chat and MCP', () => {
    expect(SCALAR_OPTIONS).toMatchObject({ withDefaultFonts: false, telemetry: false, agent: { disabled: true }, mcp: { disabled: true } });
    expect(page).toContain(inlineJson(SCALAR_OPTIONS));
  });

  it('is what renderReferencePage makes of the spec', () => {
    const html = renderReferencePage({ spec, renderer: 'window.Scalar = {}' });
    expect(html).toContain(`<title>${spec.info.title} ${spec.info.version} — API reference</title>`);
    expect(page.startsWith(html.slice(0, html.indexOf('<script>')))).toBe(true);
  });
});

describe('serving the page', () => {
  it('answers a Web Request with the page, and HEAD with its headers only', async () => {
    const get = referenceResponse(new Request('http://x/docs'));
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await get.text()).toBe(page);
    const head = referenceResponse(new Request('http://x/docs', { method: 'HEAD' }));
    expect(head.headers.get('content-length')).toBe(String(referenceHtml().length));
    expect(await head.text()).toBe('');
  });

  it('answers a node:http request in one call', async () => {
    const server = createServer((req, res) => serveReference(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/anything`);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toBe(page);
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});
