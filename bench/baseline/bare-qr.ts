/** The baseline's lazy chunk: qrcode's package entry and its SVG renderer, as its README shows. */

import { toString } from 'qrcode';

export const svgOf = (url: string) => toString(url, { type: 'svg', errorCorrectionLevel: 'M' });
