/**
 * The Node side of the widget tests, as a @web/test-runner plugin: the real
 * backend with its emulators (started with the runner, stopped with it), its
 * address for the tests at `/__backend.js`, and the commands a test sends
 * with `executeServerCommand` — what a customer's phone or the network does,
 * driven through the real browser (Chromium over puppeteer).
 */

import type { TestRunnerPlugin } from '@web/test-runner';
import type { ChromeLauncher } from '@web/test-runner-chrome';
import type { CDPSession, Page } from 'puppeteer-core';
import { formatKst } from '../../core/kst.js';
import type { Fault } from '../../server/emulators/faults.js';
import { mintWidgetToken, type WidgetClaims } from '../../server/tokens.js';
import { EMULATOR_CREDENTIALS } from '../../server/emulators/index.js';
import { startBackend, type TestBackend } from './backend.js';

/** The widget-token secret of the second backend, which requires tokens (the list's staff and customer cases). */
const TOKEN_SECRET = 'widget-tests-token-secret-0123456789abcdef';

export interface WidgetPluginOptions {
  /** Origins the test pages are served from: the backend must let them call it. */
  origins: string[];
}

/** What the backend's emulators have seen, for counting provider calls. */
export interface BackendCounts {
  kiccCalls: number;
  kiccRegistrations: number;
  paywelcomeCalls: number;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export function widgetPlugin({ origins }: WidgetPluginOptions): TestRunnerPlugin {
  let backend: TestBackend | undefined;
  let tokenBackend: TestBackend | undefined;
  /** Stopped by a test, to be started again. */
  let down = false;
  const recorded = new Map<string, RecordedRequest[]>();
  /** One DevTools session per test page: network emulation lasts as long as its session. */
  const sessions = new Map<string, Promise<CDPSession>>();
  const devtools = (id: string, page: Page) => {
    if (!sessions.has(id)) sessions.set(id, page.createCDPSession().then(async (cdp) => (await cdp.send('Network.enable'), cdp)));
    return sessions.get(id)!;
  };

  return {
    name: 'pay-link-widget',

    async serverStart() {
      const env = {
        ALLOWED_ORIGINS: origins.join(','),
        // Short enough for the unknown-outcome test to see a provider time out.
        PROVIDER_TIMEOUT_MS: '2000',
        // One browser makes every link of the run, from one address and mostly for one phone.
        RATE_LIMIT_LINKS_PER_IP: '1000/1m',
        RATE_LIMIT_SMS_PER_PHONE: '100/1m',
      };
      [backend, tokenBackend] = await Promise.all([startBackend(env), startBackend({ ...env, WIDGET_TOKEN_SECRET: TOKEN_SECRET })]);
    },

    async serverStop() {
      await Promise.all([backend?.dispose(), tokenBackend?.dispose()]);
    },

    serve(context) {
      if (context.path === '/__backend.js') {
        return { body: `export const endpoint = ${JSON.stringify(backend!.url)};\nexport const tokenEndpoint = ${JSON.stringify(tokenBackend!.url)};`, type: 'js' };
      }
    },

    async executeCommand({ command, payload, session }) {
      if (!backend) throw new Error('the backend is not running');
      const page = () => (session.browser as ChromeLauncher).getPage(session.id);
      const args = (payload ?? {}) as Record<string, unknown>;
      const { kicc, paywelcome } = backend.emulators!;

      switch (command) {
        // A widget token for the backend that requires them, as a merchant's server mints one.
        case 'mint-token':
          return mintWidgetToken(TOKEN_SECRET, { exp: Math.floor(Date.now() / 1000) + 600, ...(args as Omit<WidgetClaims, 'exp'>) });
        // The server goes down (its connections dropped, as in a crash or a deploy) and comes back on the same address and database.
        case 'backend-stop':
          if (!down) await backend.close();
          down = true;
          return true;
        case 'backend-start': {
          if (!down) return true;
          const { env, dir, url } = backend;
          backend = await startBackend({ ...env, PORT: new URL(url).port }, { dir });
          down = false;
          return true;
        }

        // KICC's approval notification for a link, as KICC sends it (again) once our server answers: the
        // customer paid at KICC meanwhile. Sent from loopback, which the emulated deployment trusts.
        case 'kicc-paid': {
          const body = {
            resCd: '0000',
            resMsg: '정상처리',
            mallId: EMULATOR_CREDENTIALS.kicc.mallId,
            notiType: '10',
            pgCno: `T${Date.now()}`,
            shopOrderNo: String(args.orderId),
            amount: String(args.amount),
            approvalNo: '30012345',
            transactionDate: formatKst(Date.now()),
            payMethodTypeCode: '11',
            issuerName: 'KB국민카드',
          };
          const response = await fetch(`${backend.url}/webhooks/kicc`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
          return response.status;
        }

        // The texts the emulated KICC sent, to whom.
        case 'sms-outbox':
          return kicc.sms.map(({ to, text }) => ({ to, text }));

        // Ctrl+V into the focused field: the system clipboard's text, pasted as a person pastes it.
        case 'paste': {
          const { keyboard } = page();
          await keyboard.down('Control');
          await keyboard.press('KeyV', { commands: ['Paste'] });
          await keyboard.up('Control');
          return true;
        }

        // A finger on the touch screen at (x, y) of the page: a real touch, not a click.
        case 'tap': {
          const cdp = await devtools(session.id, page());
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
          const point = { x: Number(args.x), y: Number(args.y) };
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
          await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
          // A mouse and keyboard again for the tests after: the page is not a phone.
          await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: false });
          return true;
        }

        // The counter's browser lets the page keep the screen on, as a kiosk or home-screen app would.
        case 'grant-wake-lock': {
          const target = page();
          const cdp = await devtools(session.id, target);
          await cdp.send('Browser.setPermission', { origin: new URL(target.url()).origin, permission: { name: 'screen-wake-lock' }, setting: 'granted' });
          await target.bringToFront();
          return true;
        }

        case 'backend-counts':
          return { kiccCalls: kicc.faults.calls, kiccRegistrations: await kicc.registrations.size(), paywelcomeCalls: paywelcome.faults.calls } satisfies BackendCounts;

        case 'provider-fault':
          (args.provider === 'paywelcome' ? paywelcome : kicc).faults.set((args.fault as Fault | null) ?? undefined);
          return true;

        // The customer, on their own phone: opens the short link, pays on the provider's page.
        case 'customer-open': {
          const response = await fetch(args.url as string, { redirect: 'manual' });
          return response.status;
        }
        case 'customer-pay': {
          const response = await fetch(args.url as string, { method: 'POST', body: new URLSearchParams({ action: 'pay' }), redirect: 'manual' });
          return response.status;
        }

        // The browser goes offline for the backend (not for the test runner's own connection).
        case 'set-offline': {
          const offline = Boolean(args.offline);
          const cdp = await devtools(session.id, page());
          const conditions = { latency: 0, downloadThroughput: -1, uploadThroughput: -1 };
          await cdp.send('Network.emulateNetworkConditionsByRule', { offline, matchedNetworkConditions: offline ? [{ urlPattern: `${backend.url}/*`, ...conditions }] : [] });
          await cdp.send('Network.overrideNetworkState', { offline, ...conditions });
          return true;
        }

        // The server answers, but the answer never reaches the browser (a dropped connection).
        case 'lose-next-response': {
          const cdp = await page().createCDPSession();
          await cdp.send('Fetch.enable', { patterns: [{ urlPattern: `${args.url as string}*`, requestStage: 'Response' }] });
          cdp.on('Fetch.requestPaused', async (event) => {
            if (event.request.method !== args.method) return cdp.send('Fetch.continueRequest', { requestId: event.requestId });
            await cdp.send('Fetch.failRequest', { requestId: event.requestId, errorReason: 'ConnectionReset' });
            await cdp.detach();
          });
          return true;
        }

        // The requests the page sends to the backends from now on, headers included, as DevTools sees them.
        case 'record-requests': {
          if (!recorded.has(session.id)) {
            page().on('request', (request) => {
              if ([backend!.url, tokenBackend!.url].some((url) => request.url().startsWith(url))) recorded.get(session.id)!.push({ method: request.method(), url: request.url(), headers: request.headers() });
            });
          }
          recorded.set(session.id, []);
          return true;
        }
        case 'recorded-requests':
          return recorded.get(session.id) ?? [];

        // Clipboard access as a browser would grant it; `write: false` refuses the Clipboard API writes (as an iframe without `clipboard-write` does).
        case 'grant-clipboard': {
          const target = page();
          const origin = new URL(target.url()).origin;
          const cdp = await devtools(session.id, target);
          const setting = args.write === false ? 'denied' : 'granted';
          await cdp.send('Browser.setPermission', { origin, permission: { name: 'clipboard-read' }, setting: 'granted' });
          await cdp.send('Browser.setPermission', { origin, permission: { name: 'clipboard-write' }, setting });
          await cdp.send('Browser.setPermission', { origin, permission: { name: 'clipboard-write', allowWithoutSanitization: true }, setting });
          await target.bringToFront();
          return true;
        }
      }
      return undefined;
    },
  };
}
