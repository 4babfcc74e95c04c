/**
 * The QR code of a text in byte mode at level M, put together from qrcode's
 * own lower modules: its Reed-Solomon arithmetic, its codeword counts, its
 * alignment positions, its format bits and its mask choice. Its top module is
 * left out, which loads the segment optimiser (numeric, alphanumeric and kanji
 * modes, their regular expressions, a shortest-path search): a link is a URL,
 * and bytes carry any URL. What this file does itself is the layout the QR
 * standard fixes, in qrcode's order, so the modules come out as
 * `create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: 'M' })`
 * makes them; test/server/qr-symbol.test.ts compares the two.
 */

// Default imports, each the module's `exports`: a CommonJS module that reads its own exports
// (these three do) gets no named ones from the test runner's CommonJS plugin.
import alignmentPattern from 'qrcode/lib/core/alignment-pattern.js';
import { getEncodedBits as formatBits } from 'qrcode/lib/core/format-info.js';
import maskPattern from 'qrcode/lib/core/mask-pattern.js';
import polynomial from 'qrcode/lib/core/polynomial.js';
import { getBCHDigit, getSymbolTotalCodewords } from 'qrcode/lib/core/utils.js';

/**
 * Level M's column of qrcode's error correction tables (error-correction-code.js),
 * by version: blocks, and codewords of error correction in each. That module holds
 * all four levels, which weigh twice what the rest of this encoder does; the test
 * reaches every version, so a wrong figure here is a symbol unlike qrcode's.
 */
const BLOCKS = [1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49];
const EC_PER_BLOCK = [10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, ...Array<number>(19).fill(28)];
/** Level M as qrcode's format-info.js reads it. */
const M = { bit: 0 };

/** Modules per side and the modules row by row, 1 for dark. */
export interface QrSymbol {
  size: number;
  data: Uint8Array;
}

/**
 * The modules as qrcode's BitMatrix holds them, for its mask functions. Ours,
 * as are the bit buffer and the few lines of Reed-Solomon around its
 * polynomial arithmetic below: qrcode's BitMatrix, BitBuffer and
 * ReedSolomonEncoder modules weigh three times these, with argument checks
 * and methods nothing here calls.
 */
class Matrix implements QrSymbol {
  readonly data: Uint8Array;
  private readonly reserved: Uint8Array;
  constructor(readonly size: number) {
    this.data = new Uint8Array(size * size);
    this.reserved = new Uint8Array(size * size);
  }
  set(row: number, col: number, dark: boolean | number, reserved?: boolean) {
    this.data[row * this.size + col] = +dark;
    if (reserved) this.reserved[row * this.size + col] = 1;
  }
  get(row: number, col: number) {
    return this.data[row * this.size + col]!;
  }
  xor(row: number, col: number, value: boolean) {
    this.data[row * this.size + col]! ^= +value;
  }
  isReserved(row: number, col: number) {
    return this.reserved[row * this.size + col]!;
  }
}

export function qrSymbol(text: string): QrSymbol {
  const bytes = new TextEncoder().encode(text);
  const version = versionFor(bytes.length);
  const matrix = new Matrix(version * 4 + 17);
  placePatterns(matrix, version);
  // Reserved before the data goes in, written for real once the mask is chosen.
  placeFormat(matrix, 0);
  if (version >= 7) placeVersion(matrix, version);
  placeData(matrix, codewords(bytes, version));
  const mask = maskPattern.getBestMask(matrix, (mask) => placeFormat(matrix, mask));
  maskPattern.applyMask(mask, matrix);
  placeFormat(matrix, mask);
  return matrix;
}

const blocksOf = (version: number) => BLOCKS[version - 1]!;
const ecPerBlock = (version: number) => EC_PER_BLOCK[version - 1]!;
const dataCodewords = (version: number) => getSymbolTotalCodewords(version) - blocksOf(version) * ecPerBlock(version);
/** Bits of the character count: 8 up to version 9, 16 from 10. */
const countBits = (version: number) => (version < 10 ? 8 : 16);

/** The smallest version whose data codewords hold the mode, the count and the bytes. */
function versionFor(length: number): number {
  for (let version = 1; version <= 40; version++) {
    if (4 + countBits(version) + length * 8 <= dataCodewords(version) * 8) return version;
  }
  throw new Error('The amount of data is too big to be stored in a QR Code');
}

/** The data with its terminator and padding, cut into blocks, each with its error correction, interleaved. */
function codewords(bytes: Uint8Array, version: number): Uint8Array {
  const capacity = dataCodewords(version);
  const buffer = new Uint8Array(capacity);
  let length = 0;
  const put = (value: number, bits: number) => {
    for (let bit = bits - 1; bit >= 0; bit--, length++) buffer[length >> 3]! |= ((value >>> bit) & 1) << (7 - (length & 7));
  };
  put(0b0100, 4);
  put(bytes.length, countBits(version));
  for (const byte of bytes) put(byte, 8);
  // The terminator (four zero bits, or what room is left) and the zero bits to the byte are already there.
  for (let pad = (length + 4 + 7) >> 3, even = true; pad < capacity; pad++, even = !even) buffer[pad] = even ? 0xec : 0x11;

  const total = getSymbolTotalCodewords(version);
  const blocks = blocksOf(version);
  // The last `total % blocks` blocks hold one data codeword more.
  const longFrom = blocks - (total % blocks);
  const shortLength = Math.floor(dataCodewords(version) / blocks);
  const ecLength = ecPerBlock(version);
  const generator = polynomial.generateECPolynomial(ecLength);
  const data: Uint8Array[] = [];
  const ec: Uint8Array[] = [];
  for (let block = 0, offset = 0; block < blocks; block++) {
    const next = offset + shortLength + (block < longFrom ? 0 : 1);
    data.push(buffer.slice(offset, next));
    // The remainder of the block times x^ecLength by the generator, its leading zeros put back.
    const padded = new Uint8Array(next - offset + ecLength);
    padded.set(data[block]!);
    const remainder = polynomial.mod(padded, generator);
    const codewords = new Uint8Array(ecLength);
    codewords.set(remainder, ecLength - remainder.length);
    ec.push(codewords);
    offset = next;
  }
  const out = new Uint8Array(total);
  let index = 0;
  for (let i = 0; i <= shortLength; i++) for (const block of data) if (i < block.length) out[index++] = block[i]!;
  for (let i = 0; i < ecLength; i++) for (const block of ec) out[index++] = block[i]!;
  return out;
}

/** Finder patterns with their separators, timing lines, alignment patterns. */
function placePatterns(matrix: Matrix, version: number): void {
  const { size } = matrix;
  for (const [row, col] of [[0, 0], [size - 7, 0], [0, size - 7]] as const) {
    for (let r = -1; r <= 7; r++) {
      for (let c = -1; c <= 7; c++) {
        if (row + r < 0 || row + r >= size || col + c < 0 || col + c >= size) continue;
        const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3));
        matrix.set(row + r, col + c, ring !== 2 && ring !== 4, true);
      }
    }
  }
  for (let i = 8; i < size - 8; i++) {
    matrix.set(i, 6, i % 2 === 0, true);
    matrix.set(6, i, i % 2 === 0, true);
  }
  for (const [row, col] of alignmentPattern.getPositions(version)) {
    for (let r = -2; r <= 2; r++) {
      for (let c = -2; c <= 2; c++) matrix.set(row + r, col + c, Math.max(Math.abs(r), Math.abs(c)) !== 1, true);
    }
  }
}

/** The 15 format bits (level and mask), twice: beside the top left finder, and split beside the other two. */
function placeFormat(matrix: Matrix, mask: number): void {
  const { size } = matrix;
  const bits = formatBits(M, mask);
  for (let i = 0; i < 15; i++) {
    const dark = ((bits >> i) & 1) === 1;
    matrix.set(i < 6 ? i : i < 8 ? i + 1 : size - 15 + i, 8, dark, true);
    matrix.set(8, i < 8 ? size - i - 1 : i < 9 ? 15 - i : 14 - i, dark, true);
  }
  matrix.set(size - 8, 8, 1, true);
}

/** From version 7, the version with its BCH(18,6) check bits, beside the top right and bottom left finders. */
function placeVersion(matrix: Matrix, version: number): void {
  const generator = 0x1f25;
  let rest = version << 12;
  while (getBCHDigit(rest) >= 13) rest ^= generator << (getBCHDigit(rest) - 13);
  const bits = (version << 12) | rest;
  for (let i = 0; i < 18; i++) {
    const dark = ((bits >> i) & 1) === 1;
    const row = Math.floor(i / 3);
    const col = (i % 3) + matrix.size - 11;
    matrix.set(row, col, dark, true);
    matrix.set(col, row, dark, true);
  }
}

/** The codewords' bits in the zigzag of two-module columns, right to left, skipping reserved modules. */
function placeData(matrix: Matrix, data: Uint8Array): void {
  const { size } = matrix;
  let step = -1;
  let row = size - 1;
  let bit = 0;
  for (let col = size - 1; col > 0; col -= 2) {
    if (col === 6) col--;
    for (;;) {
      for (let c = 0; c < 2; c++) {
        if (matrix.isReserved(row, col - c)) continue;
        matrix.set(row, col - c, ((data[bit >> 3]! >>> (7 - (bit & 7))) & 1) === 1);
        bit++;
      }
      row += step;
      if (row < 0 || row >= size) {
        row -= step;
        step = -step;
        break;
      }
    }
  }
}
