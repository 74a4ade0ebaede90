import { defineConfig } from 'vite';

export default defineConfig({
  // The mock bundles the server core and the OpenAPI document (≈930 kB minified, ≈290 kB gzip).
  // A real app loads it in development only; this demo ships it on purpose.
  build: { chunkSizeWarningLimit: 1200 },
});
