/**
 * Looks, themable from outside: the public `--pay-link-*` custom properties
 * set the private `--_*` ones, with light and dark defaults. The result's own
 * looks come with it (result-styles.ts), POS mode's with its chunk.
 */

import { css } from './css.js';

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
    /* The accent as text and outline on the surface; contrast.ts darkens or lightens it when a custom accent would not read. */
    --_ink: var(--_accent);
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

  form { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--_space); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  .actions > * { flex: 1 1 8rem; }
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
  .hint, .error { margin: 0; }
  .hint { color: var(--_muted); font-size: 0.875rem; display: flex; justify-content: space-between; gap: 0.5rem; }
  .error { color: var(--_danger); font-size: 0.875rem; }
  .over { color: var(--_danger); font-weight: 600; }
  .choice { display: flex; align-items: flex-start; gap: 0.5rem; padding-block: 0.5rem; font-weight: 400; }
  .choice input { flex: none; width: 1.25rem; height: 1.25rem; accent-color: var(--_ink); margin: 0.125rem 0 0; }

  button, .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border: 1px solid var(--_ink);
    border-radius: calc(var(--_radius) * 0.75);
    background: transparent;
    color: var(--_ink);
    font: inherit;
    font-weight: 600;
    text-decoration: none;
    cursor: pointer;
  }
  button.primary { border-color: var(--_accent); background: var(--_accent); color: var(--_on-accent); }
  button.quiet { border-color: color-mix(in srgb, var(--_border) 60%, transparent); color: var(--_fg); }
  button[aria-disabled='true'] { cursor: progress; opacity: 0.75; }
  :is(input, button, .button, h2, summary):focus-visible { outline: 3px solid var(--_ink); outline-offset: 2px; }

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

  .visually-hidden { position: absolute; width: 1px; height: 1px; margin: -1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;
