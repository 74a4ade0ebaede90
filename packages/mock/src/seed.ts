// The seed generator is the server's (one copy of the data for the mock and `nexus-server start`).
export { DEFAULT_SEED_SIZE, SANDBOX_WEBHOOK_URL, seedSandbox, type SeedOptions, type SeedReport, type SeedSize } from '@nexuscommerce/server';
