// The merchant's page imports the element (self-registering) and has a Lit element of its own.
import '@pay-link/element';
import { LitElement, html } from 'lit';

customElements.define(
  'shop-header',
  class extends LitElement {
    render() {
      return html`<h1>Shop</h1>`;
    }
  },
);
