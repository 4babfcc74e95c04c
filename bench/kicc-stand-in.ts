/**
 * A second provider baseline: a stand-in for KICC's registration that keeps
 * nothing — it reads the request and answers success with the request's own
 * values, on plain node:http. Where the emulator checks every field and keeps
 * each registration durably (one SQLite commit each, as a gateway keeps its
 * own), this costs next to nothing: against it, the backend's own cost is all
 * that is left. Serves KICC's paths under /emulator/kicc, like the emulator.
 */

import { createServer } from 'node:http';
import { KICC_REGISTER_PATH } from './emulator-body.js';

let issued = 0;
const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/healthz') return void response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  if (request.method !== 'POST' || request.url !== KICC_REGISTER_PATH) return void response.writeHead(404).end();
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { directRegInfo: reg, directOrderInfo: order } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const pgCno = String(++issued).padStart(20, '0');
    const reply = {
      resCd: '0000',
      resMsg: '정상',
      mallId: reg.mallId,
      shopOrderNo: order.shopOrderNo,
      pgCno,
      amount: reg.amount,
      // Given, or a day on; `yyyyMMddHHmmss`, Korea time.
      expiryDate: reg.smsPayExpr ?? new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().replace(/\D/g, '').slice(0, 14),
      authPageUrl: `http://127.0.0.1/pay/${pgCno}`,
    };
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(reply));
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1');
