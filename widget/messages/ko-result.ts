/**
 * The result's words in Korean for its first view: loaded with the result
 * view, not with the form; those for what shows only later come after the QR
 * code (ko-later.ts). English has one table (en.ts).
 */

import { withParticle } from '../../core/particles.js';
import type { FirstMessages, FormMessages, LaterKey, ResultMessages } from './types.js';

export const koResult: Omit<ResultMessages, LaterKey> = {
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

  cancel: '링크 취소',
  cancelling: '취소하는 중…',

  waiting: '결제를 기다리는 중',
  opened: '고객이 링크를 열었습니다',
  reconnecting: '서버와 연결이 끊겨 다시 연결하는 중입니다. 결제 상태가 늦게 보일 수 있습니다.',
  expiresIn: (remaining) => `${remaining} 후 만료`,
  days: (count) => `${count}일`,
  expired: '링크가 만료되었습니다',
  makeNew: '같은 내용으로 다시 만들기',
  paid: '결제 완료',
  cancelled: '취소된 링크입니다',
  failed: '결제사가 링크를 만들지 못했습니다',
  checkingTitle: '결제사의 응답을 확인하는 중',
  checking: '링크가 두 번 만들어지지 않도록 다시 요청하지 말고 잠시 기다려 주세요.',
  newRequest: '새 결제 요청',
};

/** The host's words with the result's: English has them already, Korean's come with the chunks that show results. */
const merged = new WeakMap<FormMessages, FirstMessages>();
export function withResult(t: FormMessages): FirstMessages {
  if ('resultTitle' in t) return t as FirstMessages;
  let words = merged.get(t);
  if (!words) merged.set(t, (words = { ...t, ...koResult }));
  return words;
}
