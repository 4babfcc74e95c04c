import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBackend, type TestBackend } from '../support/backend.js';

let backend: TestBackend;
let dist: string;
const bundle = `export const widget = ${JSON.stringify('결제 링크 '.repeat(500))};\n`;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'pay-link-dist-'));
  mkdirSync(join(dist, 'widget'));
  writeFileSync(join(dist, 'widget', 'widget.js'), bundle);
  writeFileSync(join(dist, 'widget', 'widget-qr-abc123.js'), 'export {};');
  backend = await startBackend({ DIST_DIR: dist });
});
afterAll(async () => {
  await backend.dispose();
  rmSync(dist, { recursive: true, force: true });
});

const fetchWidget = (path: string, encoding?: string) =>
  fetch(`${backend.url}${path}`, { headers: encoding ? { 'accept-encoding': encoding } : {} }).then(async (response) => ({
    response,
    body: Buffer.from(await response.arrayBuffer()),
  }));

describe('the widget bundle', () => {
  it('is sent brotli-compressed to browsers that take it, gzip to others, plain otherwise', async () => {
    // fetch decodes the body itself: here the headers and the decoded text are checked.
    const br = await fetchWidget('/widget.js', 'gzip, deflate, br');
    expect(br.response.headers.get('content-encoding')).toBe('br');
    expect(br.response.headers.get('vary')).toContain('accept-encoding');
    expect(br.body.toString()).toBe(bundle);

    const gzip = await fetchWidget('/widget.js', 'gzip, deflate');
    expect(gzip.response.headers.get('content-encoding')).toBe('gzip');
    expect(gzip.body.toString()).toBe(bundle);

    const plain = await fetchWidget('/widget.js', 'identity');
    expect(plain.response.headers.get('content-encoding')).toBeNull();
    expect(plain.body.toString()).toBe(bundle);
  });

  it('compresses to a fraction of its size', async () => {
    const raw = (encoding: string) =>
      new Promise<Buffer>((resolve, reject) => {
        request(`${backend.url}/widget.js`, { headers: { 'accept-encoding': encoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk) => chunks.push(chunk)).on('end', () => resolve(Buffer.concat(chunks)));
        })
          .on('error', reject)
          .end();
      });
    const br = await raw('br');
    const gz = await raw('gzip');
    expect(brotliDecompressSync(br).toString()).toBe(bundle);
    expect(gunzipSync(gz).toString()).toBe(bundle);
    expect(br.length).toBeLessThan(Buffer.byteLength(bundle) / 10);
  });

  it('caches the hashed chunks for good and the entry briefly, for any site', async () => {
    const entry = await fetchWidget('/widget.js');
    expect(entry.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(entry.response.headers.get('access-control-allow-origin')).toBe('*');
    const chunk = await fetchWidget('/widget-qr-abc123.js');
    expect(chunk.response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
