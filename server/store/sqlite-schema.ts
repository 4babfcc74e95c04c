/** The SQLite schema, one migration per entry; `PRAGMA user_version` counts those applied. */

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE links (
    id             TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    merchant_id    TEXT NOT NULL,
    order_id       TEXT NOT NULL,
    amount         INTEGER NOT NULL CHECK (amount > 0),
    goods_name     TEXT NOT NULL,
    customer_name  TEXT,
    customer_phone TEXT,
    customer_email TEXT,
    delivery       TEXT NOT NULL,
    message        TEXT,
    state          TEXT NOT NULL,
    url            TEXT,
    provider_ref   TEXT,
    short_token    TEXT NOT NULL UNIQUE,
    expires_at     INTEGER,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    opened_at      INTEGER,
    paid_at        INTEGER,
    cancelled_at   INTEGER,
    payment_ref    TEXT,
    problem        TEXT
  ) STRICT;

  -- An order id is used once per provider; a link that certainly never
  -- reached the provider (failed) frees it for another try.
  CREATE UNIQUE INDEX links_order ON links (provider, order_id) WHERE state <> 'failed';
  CREATE INDEX links_provider_ref ON links (provider, provider_ref);
  CREATE INDEX links_state ON links (state, updated_at);

  -- The audit trail: every change of every link, never updated or deleted.
  CREATE TABLE link_events (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    link_id    TEXT NOT NULL REFERENCES links (id),
    at         INTEGER NOT NULL,
    type       TEXT NOT NULL,
    actor      TEXT NOT NULL,
    from_state TEXT,
    to_state   TEXT,
    detail     TEXT
  ) STRICT;
  CREATE INDEX link_events_link ON link_events (link_id, seq);

  CREATE TABLE idempotency_keys (
    key          TEXT PRIMARY KEY,
    request_hash TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    status       INTEGER,
    body         TEXT
  ) STRICT;
  CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

  -- Every payment notification taken, so a repeat is recognised and ignored.
  CREATE TABLE notifications (
    provider       TEXT NOT NULL,
    transaction_id TEXT NOT NULL,
    type           TEXT NOT NULL,
    link_id        TEXT REFERENCES links (id),
    outcome        TEXT NOT NULL,
    received_at    INTEGER NOT NULL,
    source_ip      TEXT NOT NULL,
    fields         TEXT NOT NULL,
    PRIMARY KEY (provider, transaction_id, type)
  ) STRICT;
  CREATE INDEX notifications_link ON notifications (link_id);
  `,
  `
  ALTER TABLE links ADD COLUMN owner TEXT;
  ALTER TABLE links ADD COLUMN attention_at INTEGER;
  -- The reconciler's erasure looks only at links still holding a number.
  CREATE INDEX links_holding_phone ON links (state, updated_at) WHERE customer_phone IS NOT NULL;

  -- The link a keyed request recorded, so a key left in progress by a crash is resolved, not run twice.
  ALTER TABLE idempotency_keys ADD COLUMN link_id TEXT;

  -- Rate limits as a sliding log: one row per counted hit, pruned as it leaves its window.
  CREATE TABLE rate_hits (
    bucket TEXT NOT NULL,
    key    TEXT NOT NULL,
    at     INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX rate_hits_key ON rate_hits (bucket, key, at);
  CREATE INDEX rate_hits_age ON rate_hits (bucket, at);
  `,
  `
  -- Why a person must look at a link beyond an unknown outcome: it was paid twice.
  ALTER TABLE links ADD COLUMN attention TEXT;
  -- Every customer detail is erased some days after a link ends, paid or not; erased links leave the index.
  -- The audit trail's details and the notifications' fields lose theirs then too (customer-data.ts).
  ALTER TABLE links ADD COLUMN customer_erased_at INTEGER;
  DROP INDEX links_holding_phone;
  CREATE INDEX links_holding_customer_data ON links (updated_at) WHERE customer_erased_at IS NULL;

  -- Secrets this database keeps for itself, such as the key that hashes phone numbers in rate_hits.
  CREATE TABLE secrets (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  -- Until now rate_hits held phone numbers in the clear; they are keyed by a hash from here on.
  DELETE FROM rate_hits WHERE bucket LIKE 'sms-per-phone/%';
  `,
  `
  -- The providers a link was tried with (failover), e.g. kicc:unavailable,paywelcome:registered.
  ALTER TABLE links ADD COLUMN attempts TEXT;
  `,
  `
  -- Refunds: what was given back (kept with the link so a refund and its sum change in one
  -- guarded update), each refund as JSON (links/refunds.ts), and how the customer paid,
  -- which decides what the gateway allows (a partial refund, its code).
  ALTER TABLE links ADD COLUMN refunded_amount INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE links ADD COLUMN refunds TEXT;
  ALTER TABLE links ADD COLUMN payment_method TEXT;
  -- Whether the payment may be refunded in part, as its notification said (KICC partCancelUsed Y/N, PayWelcome P_CARD_PRTC_CODE 1/0).
  ALTER TABLE links ADD COLUMN partial_refunds TEXT;
  CREATE INDEX links_pending_refunds ON links (updated_at) WHERE refunds LIKE '%"status":"pending"%';
  `,
  `
  -- What the built-in emulators registered (store/emulator-records.ts), as JSON text, oldest first by seq;
  -- ends_at: when nothing more can happen to a record, so a bounded table lets it go first.
  CREATE TABLE emulator_records (
    seq        INTEGER PRIMARY KEY,
    emulator   TEXT NOT NULL,
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    ends_at    INTEGER,
    updated_at INTEGER NOT NULL,
    UNIQUE (emulator, kind, key)
  ) STRICT;
  CREATE INDEX emulator_records_age ON emulator_records (emulator, kind, seq);
  `,
  `
  -- The day's links, newest first, a page at a time (GET /api/links, GET /api/summary).
  CREATE INDEX links_created ON links (created_at DESC, id DESC);
  `,
  `
  -- The payment as the gateway reported it (method, card issuer, approval number and time), as JSON: what the counter reads back.
  ALTER TABLE links ADD COLUMN payment_details TEXT;
  `,
];
