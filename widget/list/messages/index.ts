/** The list's words in the page's language: Korean comes with the list's code, English is fetched the first time a page asks. */

import type { Locale } from '../../../core/messages/index.js';
import { ko } from './ko.js';
import type { ListMessages } from './types.js';

export type { ListMessages, RowState } from './types.js';

const tables = new Map<Locale, ListMessages | Promise<ListMessages>>([['ko', ko]]);

/** The table for `locale`: at once when it is here, otherwise a promise of it (Korean if it cannot be fetched). */
export function listMessagesFor(locale: Locale): ListMessages | Promise<ListMessages> {
  let table = tables.get(locale);
  if (!table) {
    table = import('./en.js').then(
      ({ en }) => (tables.set(locale, en), en),
      () => (tables.delete(locale), ko),
    );
    tables.set(locale, table);
  }
  return table;
}
