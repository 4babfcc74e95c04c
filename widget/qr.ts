/**
 * The QR code of a link as SVG path data. Only the result view uses it, and
 * that is loaded with `import()`, so the encoder stays out of the initial bundle.
 *
 * Only qrcode's encoder core is imported. Minified and gzipped, the package
 * entry (`toString(…, { type: 'svg' })`) weighs 9.0 KB, the core with its
 * SVG renderer 8.2 KB, the core alone 7.4 KB: the renderer mostly parses
 * colour options, and the path below (one run of dark modules per segment)
 * is ten lines. The element draws it in its own accessible <svg>.
 */

import { create } from 'qrcode/lib/core/qrcode.js';

export interface QrPath {
  /** Modules per side, without the quiet zone. */
  size: number;
  /** Dark modules, in module units from the top left of the code. */
  d: string;
}

/** The last code drawn: the result renders every second (its countdown), the link does not change. */
let last: { text: string; path: QrPath } | undefined;

export function qrPath(text: string): QrPath {
  if (last?.text !== text) last = { text, path: encode(text) };
  return last.path;
}

function encode(text: string): QrPath {
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
