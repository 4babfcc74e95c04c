/**
 * The list's looks, on top of the form's (widget/styles.ts: the same
 * `--pay-link-*` properties, buttons, alerts and QR code), so a page that
 * themes one themes both. Rows wrap rather than scroll: nothing is wider
 * than a 320-pixel phone.
 */

import { css } from '../css.js';

export const listStyles = css`
  :host { max-width: 40rem; }
  .list { display: grid; gap: var(--_space); }
  h2 { margin: 0; }

  .totals { display: flex; flex-wrap: wrap; gap: 0.25rem calc(var(--_space) * 1.25); margin: 0; padding: 0.75rem; border-radius: calc(var(--_radius) * 0.75); background: color-mix(in srgb, var(--_border) 12%, var(--_bg)); }
  .totals div { display: flex; gap: 0.375rem; align-items: baseline; }
  .totals dt { color: var(--_muted); font-size: 0.875rem; }
  .totals dd { margin: 0; font-weight: 700; font-variant-numeric: tabular-nums; }

  .rows { list-style: none; margin: 0; padding: 0; display: grid; }
  .row { display: grid; gap: 0.375rem; padding-block: 0.75rem; border-top: 1px solid color-mix(in srgb, var(--_border) 40%, transparent); min-width: 0; }
  .line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.25rem 0.75rem; margin: 0; min-width: 0; }
  .goods { flex: 1 1 8rem; font-weight: 600; min-width: 0; }
  .amount { font-variant-numeric: tabular-nums; }
  .meta { color: var(--_muted); font-size: 0.875rem; gap: 0.25rem 0.625rem; }
  .badge { padding: 0 0.5rem; border: 1px solid currentColor; border-radius: 999px; font-weight: 600; white-space: nowrap; }
  .badge.opened, .badge.checking { color: var(--_accent); }
  .badge.paid { color: var(--_success); }
  .badge.partially_refunded, .badge.refunded, .badge.failed { color: var(--_danger); }
  .row .actions > * { flex: 0 1 auto; }
  .row button { min-height: 2.5rem; padding: 0.25rem 0.75rem; font-size: 0.875rem; }
  .empty { margin: 0; color: var(--_muted); }

  dialog { width: min(26rem, calc(100vw - 2rem)); max-height: calc(100dvh - 2rem); padding: calc(var(--_space) * 1.25); border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg); color: var(--_fg); }
  dialog::backdrop { background: rgb(0 0 0 / 0.45); }
  dialog[open], dialog form { display: grid; gap: var(--_space); }
  dialog p { margin: 0; }
  dialog .qr { width: min(16rem, 100%); }
  .buttons { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .buttons > * { flex: 1 1 8rem; }
  .warning { color: var(--_danger); }
  button.danger { background: var(--_danger); border-color: var(--_danger); color: var(--_bg); }

  :host([mode='pos']) { font-size: 1.125rem; }
  :host([mode='pos']) .row button, :host([mode='pos']) dialog button { min-height: 3rem; padding-inline: 1rem; font-size: 1rem; }
  :host([mode='pos']) .goods, :host([mode='pos']) .amount { font-size: 1.25rem; }
`;
