/**
 * `/p/{token}`: our own short link to a provider's payment page. It forwards
 * while the link can be paid and explains itself when it cannot; the first
 * visit is recorded so the counter knows the customer opened it.
 */

import { Hono } from 'hono';
import type { LinkStatus } from '../../core/link.js';
import type { AppEnv } from '../env.js';
import { linkStatus } from '../links/present.js';
import { renderPage, type PageContent } from '../pages/page.js';
import type { Store } from '../store/store.js';

const PAGES: Record<Exclude<LinkStatus, 'active'> | 'missing', PageContent> = {
  paid: { title: '결제 완료', icon: 'paid', heading: '이미 결제가 끝난 링크입니다', body: '결제해 주셔서 감사합니다.', english: 'This link has been paid. Thank you.' },
  partially_refunded: { title: '결제 완료', icon: 'paid', heading: '이미 결제가 끝난 링크입니다', body: '결제 금액의 일부가 환불되었습니다.', english: 'This link has been paid; part of the payment was refunded.' },
  refunded: { title: '환불 완료', icon: 'refunded', heading: '결제가 환불된 링크입니다', body: '환불 내역은 카드사나 은행에서 확인할 수 있습니다.', english: 'This payment was refunded.' },
  expired: { title: '기간 만료', icon: 'expired', heading: '결제 기간이 지난 링크입니다', body: '판매자에게 새 결제 링크를 요청해 주세요.', english: 'This payment link has expired. Ask the seller for a new one.' },
  cancelled: { title: '취소된 링크', icon: 'cancelled', heading: '판매자가 취소한 링크입니다', body: '결제가 필요하면 판매자에게 문의해 주세요.', english: 'The seller cancelled this payment link.' },
  failed: { title: '사용할 수 없는 링크', icon: 'failed', heading: '이 링크로는 결제할 수 없습니다', body: '판매자에게 새 결제 링크를 요청해 주세요.', english: 'This link cannot be paid. Ask the seller for a new one.' },
  unknown: { title: '확인 중', icon: 'waiting', heading: '결제 링크를 준비하고 있습니다', body: '잠시 후 다시 열어 주세요.', english: 'This payment link is being prepared. Open it again shortly.' },
  missing: { title: '없는 링크', icon: 'missing', heading: '찾을 수 없는 결제 링크입니다', body: '주소를 다시 확인해 주세요.', english: 'No payment link has this address.' },
};

export function shortLinkRoutes({ store, merchantName, now = Date.now }: { store: Store; merchantName?: string; now?: () => number }) {
  return new Hono<AppEnv>().get('/:token', async (c) => {
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    const link = await store.getLinkByShortToken(c.req.param('token'));
    if (!link) return c.html(renderPage(PAGES.missing), 404);
    const status = linkStatus(link, now());
    if (status !== 'active' || !link.url) {
      // Whose request it was and for how much: the customer may hold several links, or none they recognise.
      const sale = { shop: merchantName, goodsName: link.goodsName, amount: link.amount };
      return c.html(renderPage(PAGES[status === 'active' ? 'unknown' : status], sale), status === 'expired' ? 410 : 200);
    }
    if (link.openedAt === null) {
      await store.updateLink(link.id, { openedAt: now() }, { type: 'opened', actor: 'customer' }, ['active']);
    }
    return c.redirect(link.url, 302);
  });
}
