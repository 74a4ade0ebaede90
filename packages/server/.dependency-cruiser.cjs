// Layering rules of the server, checked by `pnpm lint` (dependency-cruiser). Paths are relative to
// the package. Test code (`*.test.ts`, `store/testing/`, `src/test/`) is left out: it may reach
// across layers to set things up; nothing in production imports it.

const { builtinModules } = require('node:module');

/** Modules that run only on Node: built-ins and the packages that need them (or pull them in). */
const NODE_ONLY = [
  // Built-ins resolve to their bare name (`node:fs` → `fs`).
  `^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})$`,
  'node_modules/(pg|pino|ioredis|@electric-sql/pglite|@hono/node-server)/',
  // Its index loads the cluster and Redis limiters; `lib/RateLimiterMemory.js` alone is neutral.
  'node_modules/rate-limiter-flexible/index\\.js$',
  // The reference page reads its HTML from the spec package's files.
  'spec/dist/reference\\.js$',
];
/** Runtime adapters: the Node entries and what only they use. The core never imports them. */
const ADAPTERS = '^src/(node\\.ts|cli\\.ts|node/|background/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that import each other (directly or through others) cannot be understood or moved alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders form layers: no two folders of src/ may import each other, even through a third.',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-runtime-neutral',
      severity: 'error',
      comment: 'src/index.ts is the runtime-neutral core (browsers run it in the mock): nothing Node-only may be reachable from it.',
      from: { path: '^src/index\\.ts$' },
      to: { path: NODE_ONLY, reachable: true },
    },
    {
      name: 'core-no-adapters',
      severity: 'error',
      comment: 'The core never imports a runtime adapter; adapters import the core.',
      from: { pathNot: ADAPTERS },
      to: { path: ADAPTERS },
    },
    {
      name: 'domain-no-http',
      severity: 'error',
      comment: 'Use cases are free of HTTP: domain/ imports no routes, middleware, app or request context.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(routes/|middleware/|app\\.ts$|context\\.ts$)' },
    },
    {
      name: 'store-below-domain',
      severity: 'error',
      comment: 'The store knows records and rules of persistence, not use cases or HTTP.',
      from: { path: '^src/store/' },
      to: { path: '^src/(domain/|routes/|middleware/|app\\.ts$|context\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|\\.test-d\\.ts$|/testing/|^src/test/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'default', 'types'] },
  },
};
