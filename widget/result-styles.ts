/**
 * The result's looks, adopted with the result view (link-view.ts) so the
 * form's first paint carries none of them. The QR code is always dark on
 * white, whatever the theme: scanners expect it.
 */

import { css } from './css.js';

export const resultStyles = css`
  .result { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--_space); }
  .summary, .provider, .state, .countdown, .sent, .note { margin: 0; }
  h2:focus:not(:focus-visible) { outline: none; }
  h2 { margin: 0; font-size: 1.25rem; line-height: 1.3; }
  .summary { color: var(--_muted); }
  .provider { color: var(--_muted); font-size: 0.875rem; }
  .summary strong { color: var(--_fg); font-size: 1.125rem; }
  .qr-box { display: grid; place-items: center; }
  .qr { display: block; width: min(15rem, 100cqi); height: auto; aspect-ratio: 1; border-radius: calc(var(--_radius) * 0.5); }
  .dimmed { opacity: 0.2; filter: grayscale(1); }
  .state { font-weight: 600; }
  .state.warning { color: var(--_danger); }
  .countdown { color: var(--_muted); font-variant-numeric: tabular-nums; }
  .link { margin: 0; padding: 0.5rem 0.75rem; border-radius: calc(var(--_radius) * 0.5); font-family: ui-monospace, monospace; font-size: 0.875rem; background: color-mix(in srgb, var(--_border) 15%, var(--_bg)); user-select: all; }
  .sent { color: var(--_success); font-weight: 600; }
  .details { display: grid; gap: calc(var(--_space) * 0.75); align-content: start; }
  @container (min-width: 34rem) {
    .result { grid-template-columns: auto 1fr; column-gap: calc(var(--_space) * 1.5); }
    .result > :is(h2, .summary, .provider) { grid-column: 1 / -1; }
  }
  @media (prefers-reduced-motion: no-preference) {
    .qr { transition: opacity 0.3s, filter 0.3s; }
  }
`;
