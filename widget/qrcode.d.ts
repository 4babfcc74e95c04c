/**
 * The parts of qrcode's encoder core that qr-symbol.ts builds a code from
 * (the package's types cover only its entry). Each is a CommonJS module of
 * its own; none of them loads the segment optimiser or its mode tables.
 */

/** A square of modules as the mask functions read it; reserved modules (function patterns) are left unmasked. */
interface QrBitMatrix {
  size: number;
  data: Uint8Array;
  get(row: number, col: number): number;
  xor(row: number, col: number, value: boolean): void;
  isReserved(row: number, col: number): number;
}

/** An error correction level as qrcode's tables index it. */
interface QrEcLevel {
  bit: number;
}

declare module 'qrcode/lib/core/polynomial.js' {
  const polynomial: {
    generateECPolynomial(degree: number): Uint8Array;
    /** The remainder, without its leading zeros. */
    mod(dividend: Uint8Array, divisor: Uint8Array): Uint8Array;
  };
  export default polynomial;
}

/** Used by its test only. */
declare module 'qrcode/lib/core/error-correction-level.js' {
  export const M: QrEcLevel;
}

declare module 'qrcode/lib/core/utils.js' {
  export function getSymbolTotalCodewords(version: number): number;
  export function getBCHDigit(data: number): number;
}

declare module 'qrcode/lib/core/format-info.js' {
  export function getEncodedBits(level: QrEcLevel, mask: number): number;
}

declare module 'qrcode/lib/core/alignment-pattern.js' {
  const alignmentPattern: { getPositions(version: number): [number, number][] };
  export default alignmentPattern;
}

/** Used by its test only: how many bytes a version holds at a level (byte mode when `mode` is left out). */
declare module 'qrcode/lib/core/version.js' {
  export function getCapacity(version: number, level: QrEcLevel): number;
}

declare module 'qrcode/lib/core/mask-pattern.js' {
  const maskPattern: {
    getBestMask(matrix: QrBitMatrix, setupFormat: (mask: number) => void): number;
    applyMask(mask: number, matrix: QrBitMatrix): void;
  };
  export default maskPattern;
}
