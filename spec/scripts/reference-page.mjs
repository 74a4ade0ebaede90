// Builds the API reference page: one HTML file holding the bundled spec and Scalar's standalone
// renderer, so it opens from disk or any server with no network at all.

/**
 * Scalar's options for a page that never calls out: no web fonts from fonts.scalar.com, no
 * telemetry, no hosted AI chat or MCP buttons, no developer toolbar. The operationId is shown on
 * every operation, so readers can match the page with the SDK and the tests.
 */
export const SCALAR_OPTIONS = {
  withDefaultFonts: false,
  telemetry: false,
  agent: { disabled: true },
  mcp: { disabled: true },
  showDeveloperTools: 'never',
  showOperationId: true,
  documentDownloadType: 'json',
  persistAuth: false,
  defaultOpenAllTags: true,
};

// Everything the page may load: inline scripts and styles, data: images and fonts. Requests the
// "Test Request" button sends are allowed to any server the reader picks.
const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; connect-src *; worker-src blob:; base-uri 'none'; form-action 'none'";

/**
 * Inside <script>, `<!--`, `<script` and `</script` change how the HTML parser reads the element.
 * Written as `\x3C…` they mean the same in JS strings, templates and regular expressions.
 */
export function inlineScript(source) {
  return source.replace(/<(?=!--|\/?script)/gi, '\\x3C');
}

/** JSON inside <script type="application/json">: `<` escaped so no tag can end the element early. */
export function inlineJson(value) {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const escapeHtml = (text) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

/**
 * The whole page as a string.
 * @param {{ spec: Record<string, any>, renderer: string }} input the bundled document and the text of
 *   `@scalar/api-reference/dist/browser/standalone.js`
 */
export function renderReferencePage({ spec, renderer }) {
  const title = `${spec.info.title} ${spec.info.version} — API reference`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="reference"></div>
<script type="application/json" id="openapi-document">${inlineJson(spec)}</script>
<script>${inlineScript(renderer)}</script>
<script>
Scalar.createApiReference('#reference', Object.assign(${inlineJson(SCALAR_OPTIONS)}, {
  content: JSON.parse(document.getElementById('openapi-document').textContent),
}));
</script>
</body>
</html>
`;
}
