/**
 * The parts of qrcode's encoder core that qr-symbol.ts builds a code from
 * (the package's types cover only its entry). Each is a CommonJS module of
 * its own; none of them loads the segment optimiser or its mode tables.
 */

/** A square of modules; `reservedBit` marks the function patterns masks leave alone. */
interface QrBitMatrix {
  size: number;
  data: Uint8Array;
  set(row: number, col: number, value: boolean | number, reserved?: boolean): void;
  isReserved(row: number, col: number): number;
}

/** An error correction level as qrcode's tables index it. */
interface QrEcLevel {
  bit: number;
}

declare module 'qrcode/lib/core/bit-buffer.js' {
  export default class BitBuffer {
    buffer: number[];
    length: number;
    put(num: number, length: number): void;
    putBit(bit: boolean | number): void;
  }
}

declare module 'qrcode/lib/core/bit-matrix.js' {
  const BitMatrix: new (size: number) => QrBitMatrix;
  export default BitMatrix;
}

declare module 'qrcode/lib/core/reed-solomon-encoder.js' {
  export default class ReedSolomonEncoder {
    constructor(degree: number);
    encode(data: Uint8Array): Uint8Array;
  }
}

declare module 'qrcode/lib/core/error-correction-level.js' {
  export const M: QrEcLevel;
}

declare module 'qrcode/lib/core/error-correction-code.js' {
  export function getBlocksCount(version: number, level: QrEcLevel): number;
  export function getTotalCodewordsCount(version: number, level: QrEcLevel): number;
}

declare module 'qrcode/lib/core/utils.js' {
  export function getSymbolTotalCodewords(version: number): number;
  export function getBCHDigit(data: number): number;
}

declare module 'qrcode/lib/core/format-info.js' {
  export function getEncodedBits(level: QrEcLevel, mask: number): number;
}

declare module 'qrcode/lib/core/alignment-pattern.js' {
  export function getPositions(version: number): [number, number][];
}

/** Used by its test only: how many bytes a version holds at a level (byte mode when `mode` is left out). */
declare module 'qrcode/lib/core/version.js' {
  export function getCapacity(version: number, level: QrEcLevel): number;
}

declare module 'qrcode/lib/core/mask-pattern.js' {
  export function getBestMask(matrix: QrBitMatrix, setupFormat: (mask: number) => void): number;
  export function applyMask(mask: number, matrix: QrBitMatrix): void;
}
