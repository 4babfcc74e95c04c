/**
 * Looks, themable from outside: the public `--pay-link-*` custom properties
 * set the private `--_*` ones, with light and dark defaults. The QR code is
 * always dark on white, whatever the theme: scanners expect it.
 */

import { css } from 'lit';

export const styles = css`
  :host {
    --_accent: var(--pay-link-accent, #2150c8);
    --_on-accent: var(--pay-link-on-accent, #fff);
    --_bg: var(--pay-link-bg, #fff);
    --_fg: var(--pay-link-fg, #17191e);
    --_muted: var(--pay-link-muted, #555d6b);
    --_border: var(--pay-link-border, #8c94a1);
    --_danger: var(--pay-link-danger, #b3261e);
    --_success: var(--pay-link-success, #136c4f);
    --_radius: var(--pay-link-radius, 12px);
    --_space: var(--pay-link-space, 1rem);

    display: block;
    box-sizing: border-box;
    max-width: 30rem;
    padding: calc(var(--_space) * 1.25);
    border: 1px solid color-mix(in srgb, var(--_border) 45%, transparent);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: 1rem/1.5 var(--pay-link-font, system-ui, -apple-system, 'Apple SD Gothic Neo', 'Noto Sans KR', 'Malgun Gothic', sans-serif);
    container-type: inline-size;
    word-break: keep-all;
    overflow-wrap: anywhere;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_accent: var(--pay-link-accent, #9bb8ff);
      --_on-accent: var(--pay-link-on-accent, #0c1633);
      --_bg: var(--pay-link-bg, #17191e);
      --_fg: var(--pay-link-fg, #eceef2);
      --_muted: var(--pay-link-muted, #aab1bd);
      --_border: var(--pay-link-border, #6d7582);
      --_danger: var(--pay-link-danger, #ffb4ab);
      --_success: var(--pay-link-success, #7fdcb4);
    }
  }
  :host([hidden]) { display: none; }
  :host([mode='pos']) { max-width: none; }
  *, *::before, *::after { box-sizing: inherit; }

  form, .result { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--_space); }
  .field { display: grid; grid-template-columns: minmax(0, 1fr); gap: 0.25rem; margin: 0; padding: 0; border: 0; min-width: 0; }
  label, legend { font-weight: 600; padding: 0; }
  .optional { font-weight: 400; color: var(--_muted); }
  .control { display: flex; align-items: center; gap: 0.5rem; min-width: 0; }
  input:not([type='radio']) {
    flex: 1;
    width: 100%;
    min-width: 0;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) * 0.75);
    background: var(--_bg);
    color: inherit;
    font: inherit;
    font-size: max(1rem, 16px);
  }
  input[readonly] { background: color-mix(in srgb, var(--_border) 15%, var(--_bg)); }
  input::placeholder { color: var(--_muted); }
  #amount { text-align: end; font-size: 1.25rem; font-variant-numeric: tabular-nums; }
  input[aria-invalid='true'] { border-color: var(--_danger); }
  .hint, .error, .summary, .provider, .state, .countdown, .sent { margin: 0; }
  .hint { color: var(--_muted); font-size: 0.875rem; display: flex; justify-content: space-between; gap: 0.5rem; }
  .error { color: var(--_danger); font-size: 0.875rem; }
  .over { color: var(--_danger); font-weight: 600; }
  .choice { display: flex; align-items: flex-start; gap: 0.5rem; padding-block: 0.5rem; font-weight: 400; }
  .choice input { flex: none; width: 1.25rem; height: 1.25rem; accent-color: var(--_accent); margin: 0.125rem 0 0; }

  button, .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_accent);
    border-radius: calc(var(--_radius) * 0.75);
    background: transparent;
    color: var(--_accent);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  button.primary { background: var(--_accent); color: var(--_on-accent); }
  button[aria-disabled='true'] { cursor: progress; opacity: 0.75; }
  :is(input, button, .button, h2):focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
  h2:focus:not(:focus-visible) { outline: none; }

  .alert {
    display: grid;
    gap: 0.5rem;
    justify-items: start;
    padding: 0.75rem;
    border-left: 4px solid var(--_danger);
    border-radius: calc(var(--_radius) * 0.5);
    background: color-mix(in srgb, var(--_danger) 8%, var(--_bg));
  }
  .alert p { margin: 0; }

  h2 { margin: 0; font-size: 1.25rem; line-height: 1.3; }
  .summary { color: var(--_muted); }
  .provider { color: var(--_muted); font-size: 0.875rem; }
  .summary strong { color: var(--_fg); font-size: 1.125rem; }
  .qr-box { display: grid; place-items: center; }
  .qr { display: block; width: min(15rem, 100cqi); height: auto; aspect-ratio: 1; border-radius: calc(var(--_radius) * 0.5); }
  .dimmed { opacity: 0.2; filter: grayscale(1); }
  .paid-badge { width: min(60%, 9rem); color: var(--_success); }
  .state { font-weight: 600; }
  .state.paid { color: var(--_success); font-size: 1.25rem; }
  .countdown { color: var(--_muted); font-variant-numeric: tabular-nums; }
  .link { margin: 0; padding: 0.5rem 0.75rem; border-radius: calc(var(--_radius) * 0.5); font-family: ui-monospace, monospace; font-size: 0.875rem; background: color-mix(in srgb, var(--_border) 15%, var(--_bg)); user-select: all; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .actions > * { flex: 1 1 8rem; }
  .sent { color: var(--_success); font-weight: 600; }
  .details { display: grid; gap: calc(var(--_space) * 0.75); align-content: start; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }

  @container (min-width: 34rem) {
    .result { grid-template-columns: auto 1fr; column-gap: calc(var(--_space) * 1.5); }
    .result > :is(h2, .summary, .provider) { grid-column: 1 / -1; }
  }
  :host([mode='pos']) .qr { width: min(26rem, 100cqi); }
  :host([mode='pos']) .state.paid { font-size: 2rem; }
  @media (prefers-reduced-motion: no-preference) {
    .qr { transition: opacity 0.3s, filter 0.3s; }
  }
`;
