/**
 * The QR code of a text in byte mode at level M, put together from qrcode's
 * own lower modules: its Reed-Solomon encoder, its block and codeword tables,
 * its format bits and its mask choice. Only its top module is left out, which
 * loads the segment optimiser (numeric, alphanumeric and kanji modes, their
 * regular expressions, a shortest-path search): a link is a URL, and bytes
 * carry any URL. What this file does itself is the layout the QR standard
 * fixes, in qrcode's order, so the modules come out as
 * `create([{ data: text, mode: 'byte' }], { errorCorrectionLevel: 'M' })`
 * makes them; test/server/qr-symbol.test.ts compares the two.
 */

import { getPositions as alignmentPositions } from 'qrcode/lib/core/alignment-pattern.js';
import BitBuffer from 'qrcode/lib/core/bit-buffer.js';
import BitMatrix from 'qrcode/lib/core/bit-matrix.js';
import { getBlocksCount, getTotalCodewordsCount } from 'qrcode/lib/core/error-correction-code.js';
import { M } from 'qrcode/lib/core/error-correction-level.js';
import { getEncodedBits as formatBits } from 'qrcode/lib/core/format-info.js';
import { applyMask, getBestMask } from 'qrcode/lib/core/mask-pattern.js';
import ReedSolomonEncoder from 'qrcode/lib/core/reed-solomon-encoder.js';
import { getBCHDigit, getSymbolTotalCodewords } from 'qrcode/lib/core/utils.js';

type Matrix = InstanceType<typeof BitMatrix>;

/** Modules per side and the modules row by row, 1 for dark. */
export interface QrSymbol {
  size: number;
  data: Uint8Array;
}

export function qrSymbol(text: string): QrSymbol {
  const bytes = new TextEncoder().encode(text);
  const version = versionFor(bytes.length);
  const matrix = new BitMatrix(version * 4 + 17);
  placePatterns(matrix, version);
  // Reserved before the data goes in, written for real once the mask is chosen.
  placeFormat(matrix, 0);
  if (version >= 7) placeVersion(matrix, version);
  placeData(matrix, codewords(bytes, version));
  const mask = getBestMask(matrix, (mask) => placeFormat(matrix, mask));
  applyMask(mask, matrix);
  placeFormat(matrix, mask);
  return matrix;
}

const dataCodewords = (version: number) => getSymbolTotalCodewords(version) - getTotalCodewordsCount(version, M);
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
  const bits = new BitBuffer();
  bits.put(0b0100, 4);
  bits.put(bytes.length, countBits(version));
  for (const byte of bytes) bits.put(byte, 8);
  const capacity = dataCodewords(version) * 8;
  if (bits.length + 4 <= capacity) bits.put(0, 4);
  while (bits.length % 8) bits.putBit(0);
  for (let pad = 0; bits.length < capacity; pad++) bits.put(pad % 2 ? 0x11 : 0xec, 8);

  const total = getSymbolTotalCodewords(version);
  const blocks = getBlocksCount(version, M);
  // The last `total % blocks` blocks hold one data codeword more.
  const longFrom = blocks - (total % blocks);
  const shortLength = Math.floor(dataCodewords(version) / blocks);
  const ecLength = Math.floor(total / blocks) - shortLength;
  const encoder = new ReedSolomonEncoder(ecLength);
  const buffer = new Uint8Array(bits.buffer);
  const data: Uint8Array[] = [];
  const ec: Uint8Array[] = [];
  for (let block = 0, offset = 0; block < blocks; block++) {
    const next = offset + shortLength + (block < longFrom ? 0 : 1);
    data.push(buffer.slice(offset, next));
    ec.push(encoder.encode(data[block]!));
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
  for (const [row, col] of alignmentPositions(version)) {
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
