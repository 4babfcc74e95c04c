/**
 * Many server-sent event streams held from one process: each a bare TCP
 * socket that sends a GET and scans what comes back, with no HTTP client or
 * parser per stream, so thousands cost the load generator little and the
 * server's side is what gets measured.
 */

import { connect, type Socket } from 'node:net';

export interface HeldStream {
  /** `performance.now()` when `marker` first arrived, once it has. */
  markedAt?: number;
  close(): void;
}

/**
 * Opens a stream on `port` at `path`; resolves once the answer is 200 and its
 * first event (`firstEvent`, e.g. `event: link`) has arrived. Afterwards
 * `markedAt` is set when `marker` appears in what the stream sends.
 */
export function holdStream(port: number, path: string, firstEvent: string, marker: string, onMarked: () => void): Promise<HeldStream> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ port, host: '127.0.0.1' });
    const held: HeldStream = { close: () => socket.destroy() };
    let opened = false;
    // Only the end of what came before is kept: enough to find a marker split across two reads.
    let tail = '';
    socket.setEncoding('utf8');
    socket.once('connect', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`));
    socket.on('data', (chunk: string) => {
      const text = tail + chunk;
      if (!opened) {
        if (!text.startsWith('HTTP/1.1 200')) {
          socket.destroy();
          return reject(new Error(`${path}: ${text.split('\r\n', 1)[0]}`));
        }
        if (!text.includes(firstEvent)) return void (tail = text);
        opened = true;
        resolve(held);
      }
      if (held.markedAt === undefined && text.includes(marker)) {
        held.markedAt = performance.now();
        onMarked();
      }
      tail = text.slice(-marker.length);
    });
    socket.once('error', (error) => (opened ? undefined : reject(error)));
    socket.once('close', () => (opened ? undefined : reject(new Error(`${path}: closed before its first event`))));
  });
}

/** Runs `open` `count` times, at most `parallel` at once (the server's accept queue is finite). */
export async function openMany<T>(count: number, parallel: number, open: () => Promise<T>): Promise<T[]> {
  const opened: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next++;
      opened.push(await open());
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return opened;
}
