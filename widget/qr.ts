/**
 * The QR code of a link as SVG path data. Loaded with `import()` when the
 * first link is shown, so the encoder stays out of the initial bundle.
 *
 * Only qrcode's encoder core is imported: the package entry also brings its
 * canvas and string renderers, and its SVG renderer parses colour options we
 * do not need. The path (one horizontal run of dark modules per segment) is
 * ten lines, and the element draws it with its own accessible <svg>.
 */

import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Dark modules, in module units from the top left of the code. */
  d: string;
}

export function qrPath(text: string): QrPath {
  // M: 15 % of the code may be damaged, a fair trade for a short URL on a screen.
  const { size, data } = create(text, { errorCorrectionLevel: 'M' }).modules;
  let d = '';
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!data[y * size + x]) continue;
      let end = x;
      while (end + 1 < size && data[y * size + end + 1]) end++;
      d += `M${x} ${y}h${end - x + 1}v1H${x}z`;
      x = end;
    }
  }
  return { size, d };
}
