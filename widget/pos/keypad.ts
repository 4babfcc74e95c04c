/**
 * The counter's keypad: digits, 00 and 000, +1만 and +5만, one digit back,
 * clear. The same keys work from a hardware keyboard (digits, Backspace,
 * Escape) wherever focus is in the form but a text field.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';
import { MAX_AMOUNT } from '../../core/money.js';
import type { PosMessages } from './messages.js';

export type Key = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '00' | '000' | '+10000' | '+50000' | 'back' | 'clear';

/** In reading order, four to a row: the additions beside the digits, back and clear at the edge. */
const LAYOUT: readonly Key[] = ['1', '2', '3', '+10000', '4', '5', '6', '+50000', '7', '8', '9', 'back', '00', '0', '000', 'clear'];

/** The amount's digits after `key` (`amount` as shown, `12,000`); an amount past the ceiling is not reached. */
export function press(amount: string, key: Key): string {
  // A refused amount (a decimal point, an exponent) is started afresh rather than guessed at.
  const digits = /[.eE]/.test(amount) ? '' : amount.replace(/\D/g, '');
  let next: string;
  if (key === 'back') next = digits.slice(0, -1);
  else if (key === 'clear') next = '';
  else if (key.startsWith('+')) next = String(Number(digits || 0) + Number(key.slice(1)));
  else next = digits || !/^0+$/.test(key) ? digits + key : '';
  return Number(next || 0) > MAX_AMOUNT ? digits : next;
}

/** The key a hardware key press means, if any. */
export function keyOf(event: KeyboardEvent): Key | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey) return undefined;
  if (/^[0-9]$/.test(event.key)) return event.key as Key;
  if (event.key === 'Backspace') return 'back';
  if (event.key === 'Escape' || event.key === 'Delete') return 'clear';
  return undefined;
}

const LABELS: Partial<Record<Key, string>> = { '+10000': '+1만', '+50000': '+5만', back: '←', clear: 'C' };

export function renderKeypad(p: PosMessages, onKey: (key: Key) => void): TemplateResult {
  const spoken = (key: Key) => (key === 'back' ? p.backspace : key === 'clear' ? p.clear : key.startsWith('+') ? p.add(Number(key) / 10_000) : undefined);
  return html`<div class="keypad" part="keypad" role="group" aria-label=${p.keypad}>
    ${LAYOUT.map((key) => {
      const label = spoken(key);
      return html`<button type="button" part="key" class=${label ? 'op' : ''} data-key=${key} aria-label=${label ?? nothing} @click=${() => onKey(key)}>
        ${LABELS[key] ?? key}
      </button>`;
    })}
  </div>`;
}
