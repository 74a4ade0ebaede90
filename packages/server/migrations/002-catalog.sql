-- Categories (a tree through parent_code), dealers, stock levels per sku × location, and the
-- license keys of digital SKUs. Scoped by (account_id, mode) like every partner-visible table.

CREATE TABLE categories (
  account_id     text NOT NULL,
  mode           text NOT NULL,
  category_code  text COLLATE "C" NOT NULL,
  name           text COLLATE "C" NOT NULL,
  parent_code    text COLLATE "C",
  description    text,
  status         text NOT NULL,
  external_ref   text,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, category_code)
);
CREATE UNIQUE INDEX categories_external_ref ON categories (account_id, mode, external_ref)
  WHERE external_ref IS NOT NULL;
CREATE INDEX categories_by_created ON categories (account_id, mode, created_at, category_code);
CREATE INDEX categories_by_updated ON categories (account_id, mode, updated_at, category_code);
CREATE INDEX categories_by_name ON categories (account_id, mode, name, category_code);
CREATE INDEX categories_by_parent ON categories (account_id, mode, parent_code);

CREATE TABLE dealers (
  account_id    text NOT NULL,
  mode          text NOT NULL,
  code          text COLLATE "C" NOT NULL,
  name          text COLLATE "C" NOT NULL,
  email         text,
  phone         text,
  address       jsonb,
  status        text NOT NULL,
  external_ref  text,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, code)
);
CREATE UNIQUE INDEX dealers_external_ref ON dealers (account_id, mode, external_ref)
  WHERE external_ref IS NOT NULL;
CREATE INDEX dealers_by_created ON dealers (account_id, mode, created_at, code);
CREATE INDEX dealers_by_updated ON dealers (account_id, mode, updated_at, code);
CREATE INDEX dealers_by_name ON dealers (account_id, mode, name, code);

-- available is on_hand - reserved and never negative: the CHECKs hold it even against a bug.
CREATE TABLE inventory_levels (
  account_id           text NOT NULL,
  mode                 text NOT NULL,
  sku                  text COLLATE "C" NOT NULL,
  location_code        text COLLATE "C" NOT NULL,
  on_hand              integer NOT NULL CHECK (on_hand >= 0),
  reserved             integer NOT NULL CHECK (reserved >= 0 AND reserved <= on_hand),
  low_stock_threshold  integer CHECK (low_stock_threshold >= 0),
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, sku, location_code)
);
CREATE INDEX inventory_by_updated ON inventory_levels (account_id, mode, updated_at, sku, location_code);
CREATE INDEX inventory_by_location ON inventory_levels (account_id, mode, location_code, sku);
CREATE INDEX inventory_by_available ON inventory_levels (account_id, mode, (on_hand - reserved), sku, location_code);

-- Keys are kept as given (buyers receive them on orders); seq hands them out in upload order.
CREATE TABLE license_keys (
  seq         bigserial,
  account_id  text NOT NULL,
  mode        text NOT NULL,
  sku         text COLLATE "C" NOT NULL,
  key         text NOT NULL,
  order_id    text,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, sku, key)
);
CREATE INDEX license_keys_free ON license_keys (account_id, mode, sku, seq) WHERE order_id IS NULL;
CREATE INDEX license_keys_order ON license_keys (account_id, mode, order_id) WHERE order_id IS NOT NULL;
