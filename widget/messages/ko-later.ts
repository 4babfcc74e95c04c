/**
 * The result's Korean words for what shows only after a later event (the
 * "wrong number" form, the "still payable?" prompt, a cancelled link's note,
 * the payment's details): fetched after the QR code, with result-later.ts.
 */

import { withParticle } from '../../core/particles.js';
import type { FirstMessages, LaterKey, ResultMessages, WidgetMessages } from './types.js';

export const koLater: Pick<ResultMessages, LaterKey> = {
  correctNumberLabel: '바른 휴대폰 번호',
  correctNumberHelp: '이 링크는 취소하고, 같은 내용의 새 링크를 이 번호로 보냅니다.',
  sendToCorrected: '취소하고 이 번호로 보내기',
  cancelledNote: (local, provider, until) =>
    local
      ? `QR과 결제 링크는 막혔습니다. 다만 ${withParticle(provider, '은/는')} 링크를 회수할 수 없어, 고객이 이미 연 결제 화면은 ${until}까지 열려 있고 거기서 결제하면 결제로 기록됩니다.`
      : '고객은 이 링크로 더 이상 결제할 수 없습니다.',
  stillPayableTitle: '아직 결제할 수 있는 링크입니다',
  stillPayableBody: (goodsName, amount) => `${goodsName} ${amount} 링크를 취소할까요? 취소하지 않으면 고객이 이 링크로도 결제할 수 있습니다.`,
  cancelAndNew: '링크 취소하고 새 요청',
  keepAndNew: '링크 유지하고 새 요청',
  keepNote: '유지한 링크는 오늘의 요청 목록에 남고, 만료될 때까지 결제할 수 있습니다.',
  back: '돌아가기',
  paidAt: (amount, time) => `${amount} · ${time} 결제`,
  paymentMethods: { card: '카드', bank_transfer: '계좌이체', virtual_account: '가상계좌', mobile: '휴대폰', easy_pay: '간편결제', prepaid: '선불', other: '기타' },
  methodLabel: '결제 수단',
  issuerLabel: '카드사',
  approvalLabel: '승인번호',
};

/** The words with the later ones: English has them already, Korean's are these. */
const merged = new WeakMap<FirstMessages, WidgetMessages>();
export function withLater(t: FirstMessages): WidgetMessages {
  if ('back' in t) return t as WidgetMessages;
  let words = merged.get(t);
  if (!words) merged.set(t, (words = { ...t, ...koLater }));
  return words;
}
