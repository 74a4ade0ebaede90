-- Customers with their wallets and append-only wallet ledgers, orders and per-year order counters.
-- Money is kept in integer minor units (paise) as bigint: sums and comparisons are exact.

CREATE TABLE customers (
  account_id    text NOT NULL,
  mode          text NOT NULL,
  id            text COLLATE "C" NOT NULL,
  name          text NOT NULL,
  -- ASCII-lowercased name, computed by the server, so `sort=name` orders alike in every store.
  name_key      text COLLATE "C" NOT NULL,
  email         text,
  phone         text,
  external_ref  text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, id)
);
CREATE UNIQUE INDEX customers_phone ON customers (account_id, mode, phone) WHERE phone IS NOT NULL;
CREATE UNIQUE INDEX customers_external_ref ON customers (account_id, mode, external_ref)
  WHERE external_ref IS NOT NULL;
CREATE INDEX customers_by_created ON customers (account_id, mode, created_at, id);
CREATE INDEX customers_by_updated ON customers (account_id, mode, updated_at, id);
CREATE INDEX customers_by_name ON customers (account_id, mode, name_key, id);
CREATE INDEX customers_email ON customers (account_id, mode, lower(email));

CREATE TABLE wallets (
  account_id    text NOT NULL,
  mode          text NOT NULL,
  customer_id   text NOT NULL,
  balance       bigint NOT NULL CHECK (balance >= 0),
  currency      text NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, customer_id),
  FOREIGN KEY (account_id, mode, customer_id) REFERENCES customers (account_id, mode, id)
);

CREATE TABLE wallet_transactions (
  seq            bigserial NOT NULL,
  account_id     text NOT NULL,
  mode           text NOT NULL,
  id             text COLLATE "C" NOT NULL,
  customer_id    text NOT NULL,
  type           text NOT NULL CHECK (type IN ('recharge', 'debit', 'refund')),
  amount         bigint NOT NULL,
  balance_after  bigint NOT NULL CHECK (balance_after >= 0),
  currency       text NOT NULL,
  reference      text,
  note           text,
  order_id       text,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, id),
  FOREIGN KEY (account_id, mode, customer_id) REFERENCES wallets (account_id, mode, customer_id)
);
-- Keyset pages of one wallet's ledger, ordered by (created_at, id).
CREATE INDEX wallet_transactions_ledger ON wallet_transactions (account_id, mode, customer_id, created_at, id);

CREATE TABLE orders (
  account_id      text NOT NULL,
  mode            text NOT NULL,
  id              text COLLATE "C" NOT NULL,
  order_number    text COLLATE "C" NOT NULL,
  status          text NOT NULL,
  customer_id     text,
  location_code   text NOT NULL,
  marketplace     text,
  items           jsonb NOT NULL,
  subtotal        bigint NOT NULL,
  tax_total       bigint NOT NULL,
  total           bigint NOT NULL,
  currency        text NOT NULL,
  payment_method  text NOT NULL,
  license_keys    jsonb NOT NULL,
  external_ref    text,
  cancel_reason   text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  confirmed_at    timestamptz,
  completed_at    timestamptz,
  cancelled_at    timestamptz,
  PRIMARY KEY (account_id, mode, id)
);
CREATE UNIQUE INDEX orders_number ON orders (account_id, mode, order_number);
CREATE UNIQUE INDEX orders_external_ref ON orders (account_id, mode, external_ref) WHERE external_ref IS NOT NULL;
CREATE INDEX orders_by_created ON orders (account_id, mode, created_at, id);
CREATE INDEX orders_by_total ON orders (account_id, mode, total, id);
CREATE INDEX orders_customer ON orders (account_id, mode, customer_id, created_at);

-- The last order number handed out per account, mode and UTC year. Taking a number is an
-- upsert of this row, whose lock serializes concurrent orders until their transaction ends.
CREATE TABLE order_counters (
  account_id  text NOT NULL,
  mode        text NOT NULL,
  year        integer NOT NULL,
  value       bigint NOT NULL,
  PRIMARY KEY (account_id, mode, year)
);
