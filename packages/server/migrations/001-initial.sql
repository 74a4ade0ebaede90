-- Accounts, API keys, idempotency records, products with listings, the outbox and jobs.
-- Every partner-visible table is scoped by (account_id, mode): live and test data never mix.
-- Strings that are sorted on use COLLATE "C" so PostgreSQL, PGlite and the memory store agree.

CREATE TABLE accounts (
  id          text PRIMARY KEY,
  name        text NOT NULL,
  created_at  timestamptz NOT NULL
);

CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  account_id    text NOT NULL REFERENCES accounts (id),
  mode          text NOT NULL CHECK (mode IN ('live', 'test')),
  prefix        text NOT NULL UNIQUE,
  hash          text NOT NULL,
  name          text NOT NULL,
  scopes        jsonb NOT NULL,
  plan          text NOT NULL,
  rate_limits   jsonb,
  batch_limit   integer NOT NULL,
  expires_at    timestamptz,
  ip_allowlist  jsonb NOT NULL,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL
);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE idempotency_keys (
  account_id    text NOT NULL,
  mode          text NOT NULL,
  key           text NOT NULL,
  fingerprint   text NOT NULL,
  response      jsonb,
  locked_until  timestamptz NOT NULL,
  expires_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, key)
);
-- Lets a sweeper delete expired records without a full scan.
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

CREATE TABLE products (
  account_id     text NOT NULL,
  mode           text NOT NULL,
  sku            text COLLATE "C" NOT NULL,
  title          text COLLATE "C" NOT NULL,
  description    text,
  status         text NOT NULL,
  kind           text NOT NULL,
  gtin           text,
  category_code  text,
  price          numeric(15, 2) NOT NULL,
  cost_price     numeric(15, 2),
  currency       text NOT NULL,
  tax_rate       numeric(5, 2) NOT NULL,
  weight_kg      double precision,
  images         jsonb NOT NULL,
  attributes     jsonb NOT NULL,
  external_ref   text,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, sku)
);
CREATE UNIQUE INDEX products_external_ref ON products (account_id, mode, external_ref)
  WHERE external_ref IS NOT NULL;
-- One index per allowed sort, ending in sku: keyset pages are index range scans in both directions.
CREATE INDEX products_by_created ON products (account_id, mode, created_at, sku);
CREATE INDEX products_by_updated ON products (account_id, mode, updated_at, sku);
CREATE INDEX products_by_title ON products (account_id, mode, title, sku);

CREATE TABLE product_listings (
  account_id      text NOT NULL,
  mode            text NOT NULL,
  sku             text COLLATE "C" NOT NULL,
  marketplace     text NOT NULL,
  external_id     text NOT NULL,
  price           numeric(15, 2) NOT NULL,
  quantity        integer NOT NULL,
  status          text NOT NULL,
  last_synced_at  timestamptz,
  PRIMARY KEY (account_id, mode, sku, marketplace),
  FOREIGN KEY (account_id, mode, sku) REFERENCES products (account_id, mode, sku)
);
CREATE INDEX product_listings_marketplace ON product_listings (account_id, mode, marketplace, sku);

-- Domain events written in the same transaction as the change they describe; the webhook
-- dispatcher drains unpublished rows in order.
CREATE TABLE outbox_events (
  seq           bigserial PRIMARY KEY,
  id            text NOT NULL UNIQUE,
  account_id    text NOT NULL,
  mode          text NOT NULL,
  type          text NOT NULL,
  data          jsonb NOT NULL,
  created_at    timestamptz NOT NULL,
  published_at  timestamptz
);
CREATE INDEX outbox_events_unpublished ON outbox_events (seq) WHERE published_at IS NULL;
CREATE INDEX outbox_events_partition ON outbox_events (account_id, mode, seq);

CREATE TABLE jobs (
  account_id  text NOT NULL,
  mode        text NOT NULL,
  id          text NOT NULL,
  type        text NOT NULL,
  status      text NOT NULL,
  total       integer NOT NULL,
  request_id  text,
  payload     jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, id)
);
-- Workers claim the oldest queued jobs first.
CREATE INDEX jobs_queued ON jobs (created_at) WHERE status = 'queued';
