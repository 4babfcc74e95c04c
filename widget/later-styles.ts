/**
 * The result's looks with those of what it shows only after a later event —
 * the paid view's badge and details, a cancelled link's note, the "wrong
 * number" form, the "still payable?" prompt — fetched after the QR code with
 * result-later.ts; one sheet, in place of the result's alone.
 */

import { css } from './css.js';
import { resultStyles } from './result-styles.js';

const later = css`
  .is-paid h2 { font-size: 1.75rem; color: var(--_success); }
  .paid-badge { width: min(60%, 9rem); color: var(--_success); }
  .state.paid { font-size: 1.125rem; }
  .payment { display: grid; grid-template-columns: repeat(auto-fit, minmax(7rem, 1fr)); gap: 0.5rem 1rem; margin: 0; }
  .payment dt { color: var(--_muted); font-size: 0.875rem; }
  .payment dd { margin: 0; font-weight: 600; font-variant-numeric: tabular-nums; }
  .note { color: var(--_muted); }
  .correction { display: grid; gap: 0.5rem; padding: 0.75rem; border-radius: calc(var(--_radius) * 0.5); background: color-mix(in srgb, var(--_border) 12%, var(--_bg)); }
  dialog { max-width: min(28rem, calc(100vw - 2rem)); padding: calc(var(--_space) * 1.25); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); color: var(--_fg); }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog h3 { margin: 0 0 0.5rem; font-size: 1.125rem; }
  dialog p { margin: 0 0 0.75rem; }
  dialog .actions { flex-direction: column; }
  dialog .actions > * { flex: none; }
`;

/** After the result's own, in the order they had as one sheet. */
export const laterStyles = css`${resultStyles}${later}`;
