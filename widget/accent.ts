/**
 * A merchant's accent made readable (contrast.ts), fetched only by a page
 * that sets `--pay-link-accent` or `--pay-link-bg`: the defaults need nothing.
 */

let contrastModule: Promise<typeof import('./contrast.js')> | undefined;

/** The `:host` declarations that make `host`'s colours readable: at once when the page set none, else once computed. */
export function readableAccentOf(host: Element): string | Promise<string> {
  const style = getComputedStyle(host);
  if (!style.getPropertyValue('--pay-link-accent').trim() && !style.getPropertyValue('--pay-link-bg').trim()) return '';
  return (contrastModule ??= import('./contrast.js')).then(
    (contrast) => contrast.readableAccent(host),
    () => ((contrastModule = undefined), ''), // unreachable: the page's colours as they are, and another try next time
  );
}
