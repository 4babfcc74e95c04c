/**
 * The size baseline: the smallest honest form on Lit — a LitElement with an
 * amount, a product and a phone field and a submit button, no validation,
 * texts or styles — whose submit loads a chunk drawing the link as a QR with
 * the qrcode package's own SVG renderer. What Lit and qrcode cost as anyone
 * would first use them; built with the widget's minifier, in the same run.
 */

import { LitElement, html } from 'lit';

class BareLinkForm extends LitElement {
  static override properties = { qr: { state: true } };
  declare qr: string;

  override render() {
    return html`<form @submit=${this.submit}>
        <label>Amount <input name="amount" inputmode="numeric" required /></label>
        <label>Product <input name="goods" required /></label>
        <label>Phone <input name="phone" type="tel" /></label>
        <button>Request</button>
      </form>
      <div .innerHTML=${this.qr ?? ''}></div>`;
  }

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const { svgOf } = await import('./bare-qr.js');
    this.qr = await svgOf('https://pay.example/p/AbCdEf12');
  }
}

customElements.define('bare-link-form', BareLinkForm);
