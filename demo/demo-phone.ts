/**
 * The customer's phone of /demo, following the counter by itself: idle
 * until a link is made; then what the customer would get — the camera on
 * the counter's QR code with a "Scan" button, or the gateway's text in a
 * messages view — and, once scanned or tapped, the real (emulated) checkout
 * in the phone's browser, a frame.
 */

import type { PaymentLink } from '../core/link.js';
import { qrPath } from '../widget/qr.js';
import type { DemoTexts } from './demo-texts.js';

type Screen = 'idle' | 'camera' | 'messages' | 'browser';

interface Sms {
  to: string;
  text: string;
  at: number;
}

const SVG = 'http://www.w3.org/2000/svg';
/** How often the messages view looks in the emulated KICC's outbox. */
const OUTBOX_POLL_MS = 1000;

export class Phone {
  private readonly handset: HTMLElement;
  private readonly browser: HTMLIFrameElement;
  /** The screen "Back" returns to from the browser. */
  private lastApp: Screen = 'idle';
  /** Set when the browser is sent to a link: its next load is the customer opening it. */
  private opening = false;
  /** Bumped whenever the phone moves on, so an outbox poll of an earlier link stops. */
  private showing = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly t: DemoTexts,
    private readonly locale: string,
    /** The customer opened the link. */
    private readonly onOpened: () => void,
  ) {
    this.handset = root.querySelector('.handset')!;
    this.browser = root.querySelector<HTMLIFrameElement>('#phone-browser')!;
    this.browser.addEventListener('load', () => this.loaded());
    root.querySelector('#back')!.addEventListener('click', () => this.show(this.lastApp));
    this.tick();
    setInterval(() => this.tick(), 15_000);
    this.idle();
  }

  idle() {
    this.showing++;
    this.lastApp = 'idle';
    this.show('idle');
  }

  /** The link as the customer gets it: a QR code to scan, or the gateway's text. */
  follow(link: PaymentLink) {
    if (link.delivery === 'provider-sms') this.text(link);
    else this.camera(link.shortUrl ?? link.url ?? '');
  }

  private camera(url: string) {
    this.showing++;
    const svg = this.root.querySelector<SVGSVGElement>('#camera-qr')!;
    const { size, d } = qrPath(url);
    svg.setAttribute('viewBox', `-4 -4 ${size + 8} ${size + 8}`);
    svg.setAttribute('aria-label', this.t.qr);
    svg.replaceChildren(shape('rect', { x: '-4', y: '-4', width: String(size + 8), height: String(size + 8), fill: '#fff' }), shape('path', { d, fill: '#000' }));
    const scan = this.root.querySelector<HTMLButtonElement>('#scan')!;
    this.root.querySelector('#scan-host')!.textContent = this.t.scanOpens(new URL(url, location.href).host);
    scan.onclick = () => this.browse(url);
    this.lastApp = 'camera';
    this.show('camera');
  }

  private text(link: PaymentLink) {
    const showing = ++this.showing;
    const list = this.root.querySelector('#texts')!;
    const waiting = this.root.querySelector<HTMLElement>('#texts-waiting')!;
    list.replaceChildren();
    waiting.hidden = false;
    this.lastApp = 'messages';
    this.show('messages');
    let shown = 0;
    const poll = async () => {
      if (showing !== this.showing) return;
      try {
        const outbox = (await (await fetch('emulator/kicc/_sms')).json()) as Sms[];
        // The gateway's text carries its own payment page, which is the link's `url`.
        const ours = outbox.filter((sms) => link.url && sms.text.includes(link.url));
        if (showing !== this.showing) return;
        for (const sms of ours.slice(shown)) list.append(this.bubble(sms));
        shown = Math.max(shown, ours.length);
        waiting.hidden = shown > 0;
      } catch {
        // The server did not answer this time: the next look may find it.
      } finally {
        // Texted again from the list: that text arrives too.
        setTimeout(() => void poll(), OUTBOX_POLL_MS);
      }
    };
    void poll();
  }

  private bubble(sms: Sms): HTMLLIElement {
    const item = document.createElement('li');
    for (const part of sms.text.split(/(https?:\/\/\S+)/)) {
      if (!/^https?:\/\//.test(part)) {
        item.append(part);
        continue;
      }
      const anchor = Object.assign(document.createElement('a'), { href: part, textContent: part });
      anchor.addEventListener('click', (event) => {
        event.preventDefault();
        this.browse(part);
      });
      item.append(anchor);
    }
    const time = new Date(sms.at).toLocaleTimeString(this.locale, { hour: '2-digit', minute: '2-digit' });
    item.append(Object.assign(document.createElement('small'), { textContent: time }));
    return item;
  }

  /** The customer opens `url` in the phone's browser. */
  private browse(url: string) {
    this.opening = true;
    this.root.querySelector('#address')!.textContent = shortAddress(url);
    this.browser.src = atThisOrigin(url);
    this.show('browser');
  }

  private loaded() {
    try {
      // Same origin: the address bar follows the page (the short link forwards to the gateway's).
      const href = this.browser.contentWindow?.location.href;
      if (href && href !== 'about:blank') this.root.querySelector('#address')!.textContent = shortAddress(href);
    } catch {
      // Another origin: the address stays the one opened.
    }
    if (!this.opening) return;
    this.opening = false;
    this.onOpened();
  }

  private show(screen: Screen) {
    this.handset.dataset.screen = screen;
    for (const element of this.root.querySelectorAll<HTMLElement>('.screen')) element.hidden = element.dataset.screen !== screen;
  }

  private tick() {
    const time = new Date().toLocaleTimeString(this.locale, { hour: 'numeric', minute: '2-digit' });
    for (const clock of this.root.querySelectorAll('.clock')) clock.textContent = time;
  }
}

function shape(name: string, attributes: Record<string, string>): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value);
  return element;
}

/**
 * `url` at this page's origin. Links carry PUBLIC_BASE_URL, and the demo may
 * be open at another name of the same server (127.0.0.1 for localhost): the
 * phone's browser is a frame, which only this origin may fill.
 */
function atThisOrigin(url: string): string {
  const { origin, pathname, search, hash } = new URL(url, location.href);
  return origin === location.origin ? url : `${location.origin}${pathname}${search}${hash}`;
}

/** What a phone's address bar shows: the host and the start of the path. */
function shortAddress(url: string): string {
  const { host, pathname } = new URL(url, location.href);
  return `${host}${pathname.length > 16 ? `${pathname.slice(0, 15)}…` : pathname}`;
}
