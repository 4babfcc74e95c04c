/**
 * The bundle's entry: registers `<pay-link-request>` once, however many
 * times the script is loaded. `<script type="module" src=".../widget.js">`
 * is all a page needs.
 */

import { PayLinkRequest } from './pay-link-request.js';

export { PayLinkRequest };
export type { PayLinkEvent, PayLinkEventDetails, PayLinkEventName } from './events.js';

declare global {
  interface HTMLElementTagNameMap {
    'pay-link-request': PayLinkRequest;
  }
}

if (!customElements.get('pay-link-request')) customElements.define('pay-link-request', PayLinkRequest);
