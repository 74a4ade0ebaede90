-- Job progress and leases for workers; webhook endpoints and their deliveries.

-- `processed` is also the worker's cursor: the index of the next record. It is written in the same
-- transaction as that record's changes, so a record is applied exactly once even across crashes.
ALTER TABLE jobs
  ADD COLUMN processed         integer NOT NULL DEFAULT 0,
  ADD COLUMN succeeded         integer NOT NULL DEFAULT 0,
  ADD COLUMN failed            integer NOT NULL DEFAULT 0,
  ADD COLUMN errors            jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN started_at        timestamptz,
  ADD COLUMN finished_at       timestamptz,
  ADD COLUMN lease_owner       text,
  ADD COLUMN lease_expires_at  timestamptz;
-- Keyset pages of the jobs list (newest first by default).
CREATE INDEX jobs_by_created ON jobs (account_id, mode, created_at, id);
-- Running jobs whose worker died are found by their expired lease.
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'running';

-- Who dispatched which event: the request that caused it, when the emitter knows it.
ALTER TABLE outbox_events ADD COLUMN request_id text;

CREATE TABLE webhook_endpoints (
  account_id                  text NOT NULL,
  mode                        text NOT NULL,
  id                          text COLLATE "C" NOT NULL,
  url                         text NOT NULL,
  events                      jsonb NOT NULL,
  description                 text,
  enabled                     boolean NOT NULL,
  disabled_reason             text,
  -- The signing secrets are kept as they are: HMAC needs the key itself (unlike API keys, which
  -- are only compared, so only their hash is kept). Access to this table is access to the secrets.
  secret                      text NOT NULL,
  previous_secret             text,
  previous_secret_expires_at  timestamptz,
  created_at                  timestamptz NOT NULL,
  updated_at                  timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, id)
);
CREATE INDEX webhook_endpoints_by_created ON webhook_endpoints (account_id, mode, created_at, id);
CREATE INDEX webhook_endpoints_by_updated ON webhook_endpoints (account_id, mode, updated_at, id);

CREATE TABLE webhook_deliveries (
  account_id     text NOT NULL,
  mode           text NOT NULL,
  id             text COLLATE "C" NOT NULL,
  endpoint_id    text NOT NULL,
  -- Kept on the delivery: a later change of the endpoint's URL applies to new events only.
  url            text NOT NULL,
  event_id       text NOT NULL,
  event_type     text NOT NULL,
  -- The exact JSON body sent on every attempt.
  payload        text NOT NULL,
  attempt        integer NOT NULL,
  status         text NOT NULL,
  status_code    integer,
  duration_ms    integer,
  request_id     text NOT NULL,
  next_retry_at  timestamptz,
  delivered_at   timestamptz,
  -- While an attempt is in flight, other dispatchers leave the delivery alone until then.
  locked_until   timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (account_id, mode, id),
  FOREIGN KEY (account_id, mode, endpoint_id) REFERENCES webhook_endpoints (account_id, mode, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (account_id, mode, endpoint_id, created_at, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_retry_at) WHERE status = 'pending';
