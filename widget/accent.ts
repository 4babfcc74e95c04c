/**
 * A merchant's accent made readable (contrast.ts), fetched only by a page
 * that sets `--pay-link-accent` or `--pay-link-bg`: the defaults need nothing.
 */

import { lazy } from './lazy.js';

const loadContrast = lazy(() => import('./contrast.js'));

/** The `:host` declarations that make `host`'s colours readable: at once when the page set none, else once computed. */
export function readableAccentOf(host: Element): string | Promise<string> {
  const style = getComputedStyle(host);
  if (!style.getPropertyValue('--pay-link-accent').trim() && !style.getPropertyValue('--pay-link-bg').trim()) return '';
  return loadContrast().then(
    (contrast) => contrast.readableAccent(host),
    () => '', // unreachable: the page's colours as they are, and another try next time
  );
}
