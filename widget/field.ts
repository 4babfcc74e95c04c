/**
 * One labelled text input with its hint and error, wired for assistive
 * technology (`aria-describedby`, `aria-invalid`), and the as-you-type
 * formatting that keeps the caret where the user was typing.
 */

import { html, nothing, type TemplateResult } from 'lit/html.js';

export interface TextField {
  /** Element id and `::part` names: `amount` → the wrapper is `field amount`, the input `input amount-input`. */
  id: string;
  label: string;
  /** Shown after the label, e.g. "optional". */
  note?: string;
  value: string;
  hint?: TemplateResult | string;
  error?: string;
  readonly?: boolean;
  suffix?: string;
  type?: 'text' | 'tel';
  /** `none`: the page brings its own keys (POS mode's keypad). */
  inputmode?: 'numeric' | 'tel' | 'text' | 'none';
  placeholder?: string;
  maxlength?: number;
  onInput: (input: HTMLInputElement) => void;
  onBlur: () => void;
}

export function textField(f: TextField): TemplateResult {
  const describedBy = [f.hint ? `${f.id}-hint` : '', f.error ? `${f.id}-error` : ''].filter(Boolean).join(' ');
  // The space before the note is a value, not markup: the build's template minifier drops whitespace at a template's edge.
  return html`<div class="field" part="field ${f.id}">
    <label for=${f.id} part="label">${f.label}${f.note ? html`<span class="optional">${` (${f.note})`}</span>` : nothing}</label>
    <div class="control">
      <input
        id=${f.id}
        part="input ${f.id}-input"
        type=${f.type ?? 'text'}
        inputmode=${f.inputmode ?? nothing}
        placeholder=${f.placeholder ?? nothing}
        maxlength=${f.maxlength ?? nothing}
        autocomplete="off"
        ?readonly=${f.readonly}
        .value=${f.value}
        aria-invalid=${f.error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        @input=${(event: InputEvent) => f.onInput(event.target as HTMLInputElement)}
        @blur=${f.onBlur}
      />
      ${f.suffix ? html`<span aria-hidden="true">${f.suffix}</span>` : nothing}
    </div>
    ${f.hint ? html`<p id="${f.id}-hint" class="hint" part="hint">${f.hint}</p>` : nothing}
    ${f.error ? html`<p id="${f.id}-error" class="error" part="error">${f.error}</p>` : nothing}
  </div>`;
}

/**
 * Rewrites an input's value with `format` (`12000` → `12,000`) and puts the
 * caret back after the same number of digits, so typing in the middle works.
 */
export function formatInPlace(input: HTMLInputElement, format: (raw: string) => string): string {
  const caret = input.selectionStart ?? input.value.length;
  const digitsBefore = input.value.slice(0, caret).replace(/\D/g, '').length;
  const formatted = format(input.value);
  if (formatted !== input.value) {
    input.value = formatted;
    let position = 0;
    for (let seen = 0; position < formatted.length && seen < digitsBefore; position++) {
      if (/\d/.test(formatted[position]!)) seen++;
    }
    input.setSelectionRange(position, position);
  }
  return formatted;
}
