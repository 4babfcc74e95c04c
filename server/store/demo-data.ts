/**
 * The tables the demo's reset empties (Store.clearDemoData), children before
 * the links they refer to. `secrets` is not among them: a stream ticket
 * issued before a reset stays good.
 */
export const DEMO_DATA_TABLES = ['link_events', 'notifications', 'idempotency_keys', 'links', 'rate_hits', 'emulator_records'] as const;
