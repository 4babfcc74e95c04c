/**
 * The QR code of a link as SVG path data. Only the result view uses it, and
 * that is loaded with `import()`, so the encoder stays out of the initial bundle.
 *
 * Minified and gzipped, qrcode's package entry (`toString(…, { type: 'svg' })`)
 * weighs 9.0 KB, its core alone 7.4 KB, the byte-mode symbol of qr-symbol.ts
 * (the same core's lower modules) about 3 KB. The path below (one run of dark
 * modules per segment) is ten lines; the element draws it in its own
 * accessible <svg>.
 */

import { qrSymbol } from './qr-symbol.js';

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
  // Level M (qr-symbol.ts): 15 % of the code may be damaged, a fair trade for a short URL on a screen.
  const { size, data } = qrSymbol(text);
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
