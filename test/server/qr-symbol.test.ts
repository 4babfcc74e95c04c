/**
 * The widget's QR code (widget/qr-symbol.ts: qrcode's lower modules, byte
 * mode, level M) against qrcode's own `create()` and two independent
 * decoders. Every code is drawn from the SVG path data the element renders
 * (widget/qr.ts) into a PNG with its quiet zone, and read back by jsQR and by
 * ZBar's zbarimg (scripts/ensure-zbar.mjs installs Debian's zbar-tools) as
 * bytes: UTF-8 must come back as it went in. Texts: URLs of every length up
 * to 300 characters (versions 1 to 13), Korean ones of every length up to 100
 * characters (about 150 bytes), the link shapes the widget is given, and for
 * the modules alone the longest text of each of the 40 versions and one byte
 * more.
 */

import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { create } from 'qrcode';
import { M } from 'qrcode/lib/core/error-correction-level.js';
import { getCapacity } from 'qrcode/lib/core/version.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qrPath } from '../../widget/qr.js';
import { qrSymbol } from '../../widget/qr-symbol.js';

const REPO = join(import.meta.dirname, '../..');
/** Pixels per module: small enough to keep the test in seconds, what both decoders read reliably. */
const SCALE = 2;
const QUIET_ZONE = 4;

/** A fixed sequence of pseudo-random numbers in [0, 1) (mulberry32), so a failure names the same text every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(15);
const pick = (chars: string) => chars[Math.floor(next() * chars.length)]!;
const fill = (start: string, length: number, chars: string) => {
  let text = start.slice(0, length);
  while (text.length < length) text += pick(chars);
  return text;
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// Digit runs and upper case, where qrcode's own optimiser would switch modes; and the URL punctuation.
const URL_CHARS = `${BASE62}0123456789-._~/?=&%#:+`;
const HANGUL = '결제요청커피수량가격주문서울한국';

const urls = Array.from({ length: 300 }, (_, index) => fill('https://pay.example.kr/p/', index + 1, URL_CHARS));
const korean = Array.from({ length: 100 }, (_, index) => fill('https://예시.kr/결제?', index + 1, `${HANGUL}${BASE62}`));
const digits = (count: number) => fill('', count, '0123456789');
/** What a link's QR code holds: our short link under a PUBLIC_BASE_URL, else the gateway's own address. */
const links = [
  `http://localhost:8787/p/${fill('', 10, BASE62)}`,
  `http://192.168.0.23:8787/p/${fill('', 10, BASE62)}`,
  `https://pay.example.co.kr/pay-link/p/${fill('', 10, BASE62)}`,
  `http://localhost:8787/demo/p/${fill('', 10, BASE62)}`,
  'https://m.welpg.com/s/97T9',
  `http://localhost:8787/emulator/paywelcome/s/${fill('', 4, BASE62)}`,
  `http://localhost:8787/emulator/kicc/pay/${digits(20)}`,
  `https://testpgapi.easypay.co.kr/pay/${digits(20)}`,
];
const decoded = [...urls, ...korean, ...links];

/** For each version, the longest text it holds in byte mode at level M (qrcode's own figure) and one byte more. */
const boundaries = Array.from({ length: 40 }, (_, index) => getCapacity(index + 1, M))
  .flatMap((capacity) => [capacity, capacity + 1])
  .filter((length) => length <= getCapacity(40, M))
  .map((length) => fill('https://pay.example.kr/p/', length, URL_CHARS));

const bytesOf = (text: string) => Buffer.from(text, 'utf8');
/** A text as a failure names it: its length in bytes and its start. */
const named = (text: string) => `${bytesOf(text).length} bytes: ${text.slice(0, 40)}${text.length > 40 ? '…' : ''}`;

/** The element's path (`M{x} {y}h{w}v1H{x}z` per run of dark modules) filled into a grey PNG with a white quiet zone. */
function drawn(text: string): { png: PNG; side: number } {
  const { size, d } = qrPath(text);
  const side = (size + 2 * QUIET_ZONE) * SCALE;
  const png = new PNG({ width: side, height: side });
  png.data.fill(255);
  const runs = [...d.matchAll(/M(\d+) (\d+)h(\d+)v1H\1z/g)];
  // Every command of the path is a run this test understands.
  expect(runs.map(([run]) => run).join('')).toBe(d);
  const modules = new Uint8Array(size * size);
  for (const [, x, y, width] of runs) {
    modules.fill(1, Number(y) * size + Number(x), Number(y) * size + Number(x) + Number(width));
    const left = (Number(x) + QUIET_ZONE) * SCALE;
    const right = left + Number(width) * SCALE;
    const top = (Number(y) + QUIET_ZONE) * SCALE;
    for (let row = top; row < top + SCALE; row++) png.data.fill(0, (row * side + left) * 4, (row * side + right) * 4);
  }
  // The path draws the symbol's dark modules, each once, and nothing else.
  expect(runs.reduce((sum, [, , , width]) => sum + Number(width), 0)).toBe(modules.reduce((sum, dark) => sum + dark, 0));
  expect(Buffer.from(modules).equals(Buffer.from(qrSymbol(text).data)), `path of ${named(text)}`).toBe(true);
  // Opaque: the fill above blackened the alpha channel too.
  for (let alpha = 3; alpha < png.data.length; alpha += 4) png.data[alpha] = 255;
  return { png, side };
}

let dir: string;
let zbarimg: string;

beforeAll(() => {
  const found = execFileSync(process.execPath, [join(REPO, 'scripts/ensure-zbar.mjs')], { encoding: 'utf8' });
  zbarimg = /zbarimg for tests: (.+)/.exec(found)![1]!;
  dir = mkdtempSync(join(tmpdir(), 'pay-link-qr-'));
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('the byte-mode QR symbol', () => {
  it("has, module for module, the symbol of qrcode's own create() for the same text in byte mode at level M", () => {
    const versions = new Set<number>();
    for (const text of [...decoded, ...boundaries]) {
      const reference = create([{ data: bytesOf(text), mode: 'byte' }], { errorCorrectionLevel: 'M' });
      const symbol = qrSymbol(text);
      versions.add(reference.version);
      expect(symbol.size, named(text)).toBe(reference.modules.size);
      expect(Buffer.from(symbol.data).equals(Buffer.from(reference.modules.data)), named(text)).toBe(true);
    }
    // Every version was reached, with the count in 8 bits (1-9) and in 16 (10-40).
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
  });

  it('refuses a text longer than version 40 holds, as qrcode does', () => {
    const text = 'x'.repeat(getCapacity(40, M) + 1);
    expect(() => create([{ data: bytesOf(text), mode: 'byte' }], { errorCorrectionLevel: 'M' })).toThrow();
    expect(() => qrSymbol(text)).toThrow();
  });

  it(`is read back by jsQR and by ZBar, byte for byte, for ${decoded.length} links of every length`, async () => {
    const drawings = decoded.map((text, index) => {
      const file = join(dir, `${index}.png`);
      const drawing = drawn(text);
      writeFileSync(file, PNG.sync.write(drawing.png));
      return { text, file, ...drawing };
    });
    // A code of "|" (in no text above) after each: zbarimg -Sbinary prints the codes' own bytes (text without
    // an ECI it would decode by a guessed charset, and got Korean wrong) but nothing between them.
    const separator = join(dir, 'separator.png');
    writeFileSync(separator, PNG.sync.write(drawn('|').png));

    // One zbarimg for all, on the other core while jsQR reads here.
    const zbar = new Promise<string[]>((resolve) => {
      const files = drawings.flatMap(({ file }) => [file, separator]);
      // Its exit status says whether every image held a code; the comparison below says which did not.
      execFile(zbarimg, ['--raw', '--quiet', '-Sbinary', ...files], { encoding: 'buffer', maxBuffer: 1 << 24 }, (_, stdout) => {
        resolve(stdout.toString('latin1').split('|'));
      });
    });
    for (const { text, png, side } of drawings) {
      const read = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), side, side, { inversionAttempts: 'dontInvert' });
      expect(read && Buffer.from(read.binaryData).toString('hex'), `jsQR: ${named(text)}`).toBe(bytesOf(text).toString('hex'));
    }
    const read = await zbar;
    drawings.forEach(({ text }, index) => expect(Buffer.from(read[index] ?? '', 'latin1').toString('hex'), `ZBar: ${named(text)}`).toBe(bytesOf(text).toString('hex')));
  });
});
