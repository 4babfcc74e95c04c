/**
 * POS mode's looks: a counter tablet at arm's length, in landscape or
 * portrait. Large type and touch targets; the keypad beside the entry in
 * landscape, below it in portrait; facing the customer a QR code of at least
 * 60 % of the screen's short side beside (or between) the shop and amount
 * and the status.
 */

import { css } from '../css.js';

export const posStyles = css`
  :host([mode='pos']) { --_space: var(--pay-link-space, 1.25rem); padding: clamp(1rem, 3vmin, 2rem); font-size: 1.125rem; }

  .pos-form { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--_space); align-items: start; }
  .pos-form .entry, .pos-form .finish { display: grid; gap: var(--_space); min-width: 0; }
  .pos-form #amount { min-height: 4.5rem; font-size: clamp(2.25rem, 7vmin, 3.5rem); font-weight: 700; }
  .pos-form .control > span { font-size: 1.5rem; font-weight: 600; }
  .pos-form #amount-hint { justify-content: flex-end; font-size: 1.25rem; color: var(--_fg); }
  .pos-form label { font-size: 1rem; }
  .pos-form summary { padding-block: 0.75rem; font-weight: 600; color: var(--_ink); cursor: pointer; }
  .pos-form details > .field { margin-top: var(--_space); }
  .pos-form button[type='submit'] { min-height: 4.5rem; font-size: 1.375rem; }
  .keypad { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 0.5rem; }
  .keypad button { min-height: clamp(3.75rem, 10vmin, 5.5rem); padding: 0; font-size: clamp(1.5rem, 4vmin, 2rem); font-variant-numeric: tabular-nums; }
  .keypad button.op { font-size: clamp(1.125rem, 3vmin, 1.5rem); border-color: var(--_border); color: var(--_fg); background: color-mix(in srgb, var(--_border) 18%, var(--_bg)); }

  .result.counter { grid-template-columns: minmax(0, 1fr); gap: calc(var(--_space) * 0.75); justify-items: center; text-align: center; }
  .result.counter .side { display: grid; gap: 0.25rem; justify-items: inherit; min-width: 0; }
  .result.counter .qr { width: min(64vmin, 100cqi); border-radius: calc(var(--_radius) * 0.5); }
  .result.counter .paid-badge { width: min(36vmin, 14rem); }
  .result.counter .shop { margin: 0; font-size: 1.5rem; font-weight: 700; }
  .result.counter h2 { font-size: clamp(1.5rem, 4vmin, 2.25rem); }
  .result.counter.is-paid h2 { font-size: clamp(2.25rem, 7vmin, 3.5rem); }
  .result.counter .summary { display: grid; color: var(--_fg); font-size: 1.25rem; }
  .result.counter .summary strong { font-size: clamp(2.5rem, 9vmin, 5rem); line-height: 1.1; font-variant-numeric: tabular-nums; }
  .result.counter .details { gap: 0.5rem; justify-items: inherit; }
  .result.counter .scan-hint { margin: 0; color: var(--_muted); }
  .result.counter .payment { min-width: min(24rem, 100%); text-align: start; font-size: 1.25rem; }
  .result.counter .actions { justify-content: center; margin-top: 0.5rem; }
  .result.counter .actions > * { flex: 0 1 12rem; }
  .next { display: grid; gap: 0.5rem; justify-items: inherit; }
  .next p { margin: 0; font-size: 1.125rem; font-variant-numeric: tabular-nums; }
  .next button { min-height: 3.5rem; min-width: 14rem; font-size: 1.25rem; }

  /* A landscape counter: the keypad beside the entry; the code beside the words. */
  @media (orientation: landscape) {
    @container (min-width: 44rem) {
      .pos-form { grid-template-columns: minmax(0, 1fr) minmax(16rem, 26rem); grid-template-areas: 'entry keypad' 'finish keypad'; column-gap: calc(var(--_space) * 2); }
      .pos-form .entry { grid-area: entry; }
      .pos-form .keypad { grid-area: keypad; }
      .pos-form .finish { grid-area: finish; }
      .result.counter { grid-template-columns: auto minmax(0, 1fr); grid-template-areas: 'picture side' 'picture details'; align-content: center; column-gap: calc(var(--_space) * 2); justify-items: start; text-align: start; }
      .result.counter > .qr-box { grid-area: picture; }
      .result.counter > .side { grid-area: side; align-self: end; }
      .result.counter > .details { grid-area: details; align-self: start; }
      .result.counter .qr { width: min(72vmin, 58cqi); }
      .result.counter .actions { justify-content: flex-start; }
    }
  }
`;
