/** A link's QR code as an accessible `<svg>`, drawn by the result view and by the list's "show QR again". */

import { html, type TemplateResult } from 'lit/html.js';
import { qrPath } from './qr.js';

/** The code with a 4-module quiet zone, always black on white; `part` names the `<svg>` for `::part()`. */
export function renderQr(url: string, label: string, { dimmed = false, part = 'qr' } = {}): TemplateResult {
  const { size, d } = qrPath(url);
  const side = size + 8;
  return html`<div class="qr-box">
    <svg class="qr ${dimmed ? 'dimmed' : ''}" part=${part} role="img" aria-label=${label} viewBox="-4 -4 ${side} ${side}" shape-rendering="crispEdges">
      <rect x="-4" y="-4" width=${side} height=${side} fill="#fff" />
      <path d=${d} fill="#000" />
    </svg>
  </div>`;
}
