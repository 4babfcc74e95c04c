/** POS mode's own words, in both languages: they travel with its chunk, not with every form. */

export interface PosMessages {
  /** The product name when staff type none. */
  defaultGoodsName: string;
  keypad: string;
  /** `+1만` (`tenThousands` 1) and the like, as a screen reader says them. */
  add: (tenThousands: number) => string;
  backspace: string;
  clear: string;
  /** Phone, order number and delivery, folded away. */
  more: string;
  scanTitle: string;
  scanHint: string;
  nextIn: (seconds: number) => string;
  nextNow: string;
}

const ko: PosMessages = {
  defaultGoodsName: '매장 결제',
  keypad: '금액 키패드',
  add: (tenThousands) => `${tenThousands}만 원 더하기`,
  backspace: '한 자리 지우기',
  clear: '금액 지우기',
  more: '휴대폰 번호 · 주문번호 · 문자 발송',
  scanTitle: 'QR을 찍어 결제해 주세요',
  scanHint: '휴대폰 카메라로 QR 코드를 비추면 결제 화면이 열립니다.',
  nextIn: (seconds) => `${seconds}초 뒤 다음 결제 화면으로 돌아갑니다`,
  nextNow: '지금 다음 결제',
};

const en: PosMessages = {
  defaultGoodsName: 'In-store payment',
  keypad: 'Amount keypad',
  add: (tenThousands) => `Add ₩${tenThousands * 10},000`,
  backspace: 'Delete one digit',
  clear: 'Clear the amount',
  more: 'Phone, order number, text message',
  scanTitle: 'Scan the QR code to pay',
  scanHint: 'Point your phone’s camera at the code to open the payment page.',
  nextIn: (seconds) => `Next sale in ${seconds} s`,
  nextNow: 'Next sale now',
};

export const posMessages = (locale: 'ko' | 'en'): PosMessages => (locale === 'en' ? en : ko);
