/**
 * The link at a counter: a view facing the customer (the shop, the amount
 * large, a QR code most of the screen's short side), the screen kept on
 * while they scan, and on "Paid" a chime, a buzz, the payment's details and
 * a visible countdown to the next sale with a button for it now. Made from
 * the LinkView class handed in, so this chunk imports none of its code.
 */

import type { PaymentLink } from '../../core/link.js';
import type { LinkView } from '../link-view.js';
import type { ResultContext } from '../result-view.js';
import { chime } from './chime.js';
import { posMessages } from './messages.js';
import { ScreenWake } from './wake-lock.js';

/** How long "Paid" stays on screen before the next sale's form comes back. */
export const NEXT_SALE_MS = 8000;

const PAID = ['paid', 'partially_refunded', 'refunded'];

export function posLinkView(Base: typeof LinkView): typeof LinkView {
  return class PosLinkView extends Base {
    private readonly wake = new ScreenWake();
    /** When the next sale's form comes back, once paid. */
    private nextAt: number | undefined;
    private ticker: ReturnType<typeof setInterval> | undefined;

    protected override context(): ResultContext {
      const context = super.context();
      const p = posMessages(context.locale);
      const secondsLeft = this.nextAt === undefined ? 0 : Math.max(0, Math.ceil((this.nextAt - Date.now()) / 1000));
      return {
        ...context,
        counter: {
          shop: this.options.shopName() ?? context.link?.merchantName,
          scanTitle: p.scanTitle,
          scanHint: p.scanHint,
          next: this.nextAt === undefined ? undefined : { text: p.nextIn(secondsLeft), now: p.nextNow, onNow: () => this.options.reset(true) },
        },
      };
    }

    protected override changed(link: PaymentLink, previous: PaymentLink | undefined) {
      super.changed(link, previous);
      if (link.status === 'active' && !this.isExpired(link)) this.wake.hold();
      else this.wake.release();
      if (PAID.includes(link.status) && this.nextAt === undefined) {
        // Heard and felt across a noisy counter; not again for a link shown again after a reload.
        if (previous) chime();
        this.nextAt = Date.now() + NEXT_SALE_MS;
        this.ticker = setInterval(() => this.host.requestUpdate(), 1000);
        this.later(NEXT_SALE_MS, () => this.options.reset(true));
      }
    }

    protected override isExpired(link: PaymentLink): boolean {
      const expired = super.isExpired(link);
      if (expired) this.wake.release();
      return expired;
    }

    override dispose() {
      super.dispose();
      this.wake.release();
      clearInterval(this.ticker);
    }
  };
}
