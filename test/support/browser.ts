/**
 * Debian's Chromium driven by playwright-core for the end-to-end tests. The
 * test tools never download a browser; the flags keep Chromium off the
 * network it would otherwise call home to.
 */

import { chromium, type Browser } from 'playwright-core';
import { PNG } from 'pngjs';
import jsQR from 'jsqr';

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** The text of the QR code in a PNG screenshot, or null when there is none. */
export function decodeQr(png: Buffer): string | null {
  const { data, width, height } = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height)?.data ?? null;
}
