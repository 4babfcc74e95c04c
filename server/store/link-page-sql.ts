/**
 * The WHERE and ORDER of a page of links (`Store.pageLinks`), for both
 * stores: each passes its own placeholder (`?` or `$n`). A status is the
 * API's, so the conditions say in SQL what `linkStatus` (links/present.ts)
 * says in code: `expired` comes from the clock, `creating` reads `unknown`.
 */

import type { LinkStatus } from '../../core/link.js';
import type { LinkPageQuery } from './store.js';

/** Adds `value` to the parameters and answers its placeholder; called once per place it appears (SQLite's `?` are positional). */
export type Placeholder = (value: unknown) => string;

function statusSql(status: LinkStatus, now: number, param: Placeholder): string {
  const live = () => `(expires_at IS NULL OR expires_at > ${param(now)})`;
  switch (status) {
    case 'active':
      return `(state = 'active' AND ${live()})`;
    case 'expired':
      return `(state IN ('active', 'unknown') AND expires_at <= ${param(now)})`;
    case 'unknown':
      return `(state = 'creating' OR (state = 'unknown' AND ${live()}))`;
    default:
      // Stored as shown: paid, cancelled, failed (and whatever later statuses are stored as themselves).
      return `state = ${param(status)}`;
  }
}

/** `WHERE … ORDER BY … LIMIT …` of `query`, its values added through `param`. */
export function linkPageSql(query: LinkPageQuery, param: Placeholder): string {
  const where = [`created_at >= ${param(query.createdFrom)}`];
  if (query.createdBefore !== undefined) where.push(`created_at < ${param(query.createdBefore)}`);
  if (query.owner !== undefined) where.push(`owner = ${param(query.owner)}`);
  if (query.statuses?.length) {
    where.push(`(${[...new Set(query.statuses)].map((status) => statusSql(status, query.now, param)).join(' OR ')})`);
  }
  if (query.after) {
    const { createdAt, id } = query.after;
    where.push(`(created_at < ${param(createdAt)} OR (created_at = ${param(createdAt)} AND id < ${param(id)}))`);
  }
  // Matches the index links_created, so a page is a range scan however many links there are.
  return `WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ${param(query.limit)}`;
}
