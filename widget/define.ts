/**
 * The bundle's entry: registers `<pay-link-request>` and `<pay-link-list>`
 * once, however many times the script is loaded. `<script type="module"
 * src=".../widget.js">` is all a page needs. The list's code is fetched only
 * when a `<pay-link-list>` is on the page.
 */

import { PayLinkList } from './pay-link-list.js';
import { PayLinkRequest } from './pay-link-request.js';

export { PayLinkList, PayLinkRequest };
export type { PayLinkEvent, PayLinkEventDetails, PayLinkEventName, PayLinkListEvent, PayLinkListEventDetails, PayLinkListEventName } from './events.js';

declare global {
  interface HTMLElementTagNameMap {
    'pay-link-request': PayLinkRequest;
    'pay-link-list': PayLinkList;
  }
}

if (!customElements.get('pay-link-request')) customElements.define('pay-link-request', PayLinkRequest);
if (!customElements.get('pay-link-list')) customElements.define('pay-link-list', PayLinkList);
