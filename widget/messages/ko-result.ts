/** The result's words in Korean: loaded with the result view, not with the form (English has one table, en.ts). */

import { withParticle } from '../../core/particles.js';
import type { FormMessages, ResultMessages, WidgetMessages } from './types.js';

export const koResult: ResultMessages = {
  resultTitle: '결제 링크가 준비되었습니다',
  textedTitle: '고객에게 결제 링크 문자를 보냈습니다',
  via: (provider, switched) => (switched ? `첫 결제사에 연결할 수 없어 ${withParticle(provider, '으로/로')} 만들었습니다` : `결제사: ${provider}`),
  providerNames: { kicc: 'KICC 이지페이', paywelcome: '페이웰컴' },
  qrLabel: (amount) => `${amount} 결제용 QR 코드`,
  linkLabel: '결제 링크',
  copy: '링크 복사',
  copied: '링크를 복사했습니다',
  copyFailed: '복사하지 못했습니다. 선택해 둔 링크를 직접 복사해 주세요.',
  sms: '이 기기의 문자 앱으로 보내기',
  smsBody: (shop, goodsName, amount, url) => `[${shop ?? '결제 요청'}] ${shop ? '결제 요청: ' : ''}${goodsName} ${amount}\n${url}`,
  sentTo: (phone) => `${withParticle(phone, '으로/로')} 문자를 보냈습니다`,
  resend: '문자 다시 보내기',
  resent: (phone) => `${withParticle(phone, '으로/로')} 문자를 다시 보냈습니다`,
  share: '공유',
  wrongNumber: '번호가 틀렸나요?',
  correctNumberLabel: '바른 휴대폰 번호',
  correctNumberHelp: '이 링크는 취소하고, 같은 내용의 새 링크를 이 번호로 보냅니다.',
  sendToCorrected: '취소하고 이 번호로 보내기',

  cancel: '링크 취소',
  cancelling: '취소하는 중…',
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

  waiting: '결제를 기다리는 중',
  opened: '고객이 링크를 열었습니다',
  reconnecting: '서버와 연결이 끊겨 다시 연결하는 중입니다. 결제 상태가 늦게 보일 수 있습니다.',
  expiresIn: (remaining) => `${remaining} 후 만료`,
  days: (count) => `${count}일`,
  expired: '링크가 만료되었습니다',
  makeNew: '같은 내용으로 다시 만들기',
  paid: '결제 완료',
  paidAt: (amount, time) => `${amount} · ${time} 결제`,
  paymentMethods: { card: '카드', bank_transfer: '계좌이체', virtual_account: '가상계좌', mobile: '휴대폰', easy_pay: '간편결제', prepaid: '선불', other: '기타' },
  methodLabel: '결제 수단',
  issuerLabel: '카드사',
  approvalLabel: '승인번호',
  cancelled: '취소된 링크입니다',
  failed: '결제사가 링크를 만들지 못했습니다',
  checkingTitle: '결제사의 응답을 확인하는 중',
  checking: '링크가 두 번 만들어지지 않도록 다시 요청하지 말고 잠시 기다려 주세요.',
  newRequest: '새 결제 요청',
};

/** The host's words with the result's: English has them already, Korean's come with the chunks that show results. */
const merged = new WeakMap<FormMessages, WidgetMessages>();
export function withResult(t: FormMessages): WidgetMessages {
  if ('resultTitle' in t) return t as WidgetMessages;
  let words = merged.get(t);
  if (!words) merged.set(t, (words = { ...t, ...koResult }));
  return words;
}
