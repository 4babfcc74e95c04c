/**
 * The words of /demo in Korean and English. The page follows `?lang=`, then
 * the browser's languages, as the element does; Korean when neither says.
 */

export type DemoLocale = 'ko' | 'en';
export type StepId = 'make' | 'open' | 'pay' | 'paid' | 'refund' | 'done';

export interface DemoTexts {
  docTitle: string;
  title: string;
  gateway: string;
  kiccQr: string;
  kiccSms: string;
  paywelcomeQr: string;
  views: string;
  counter: string;
  phone: string;
  counterFrame: string;
  browserFrame: string;
  tourStart: string;
  tourEnd: string;
  otherLanguage: string;
  reset: string;
  resetDone: string;
  resetFailed: string;
  idle: string;
  camera: string;
  cameraHint: string;
  scan: string;
  scanOpens: (host: string) => string;
  qr: string;
  messages: string;
  textWaiting: string;
  back: string;
  tour: string;
  stepOf: (n: number, of: number) => string;
  steps: Record<StepId, { title: string; caption: string }>;
  /** The "open" step when the gateway texted the link. */
  openByText: string;
}

const ko: DemoTexts = {
  docTitle: 'pay-link 데모 · 카운터와 고객 휴대폰',
  title: '한 화면 데모',
  gateway: '결제사',
  kiccQr: 'KICC · QR',
  kiccSms: 'KICC · 문자',
  paywelcomeQr: 'PayWelcome · QR',
  views: '보이는 화면',
  counter: '카운터',
  phone: '고객 휴대폰',
  counterFrame: '카운터의 POS 화면',
  browserFrame: '고객 휴대폰의 브라우저',
  tourStart: '안내 따라 하기',
  tourEnd: '안내 끄기',
  otherLanguage: 'English',
  reset: '처음부터',
  resetDone: '데모의 결제 요청을 모두 지웠습니다.',
  resetFailed: '지우지 못했습니다. 서버를 확인해 주세요.',
  idle: '카운터에서 결제 요청을 만들면 고객에게 보이는 화면이 여기에 나타납니다.',
  camera: '카메라',
  cameraHint: '카운터 화면의 QR 코드를 비추고 있습니다',
  scan: '스캔',
  scanOpens: (host) => `${host} 열기`,
  qr: '카메라에 비친 QR 코드',
  messages: '메시지',
  textWaiting: '결제사의 문자를 기다리는 중…',
  back: '뒤로',
  tour: '안내',
  stepOf: (n, of) => `${n} / ${of}단계`,
  steps: {
    make: { title: '요청 만들기', caption: '카운터에서 금액과 상품을 입력하고 결제 링크를 만드세요.' },
    open: { title: '고객이 열기', caption: '고객이 카메라로 QR 코드를 비춥니다. 휴대폰의 ‘스캔’을 누르세요.' },
    pay: { title: '결제', caption: '결제사의 결제 화면이 휴대폰에 열렸습니다. ‘결제하기’를 누르세요.' },
    paid: { title: '결제 완료', caption: '카운터를 건드리지 않았는데 스스로 ‘결제 완료’로 바뀌었고 오늘의 목록에도 올랐습니다. 이제 목록에서 ‘환불’을 눌러 보세요.' },
    refund: { title: '목록에서 환불', caption: '금액을 확인하고 환불을 확정하세요. 일부만 돌려줄 수도 있습니다.' },
    done: { title: '환불 완료', caption: '결제사가 환불했고 목록과 오늘의 합계에 바로 반영됐습니다. ‘처음부터’를 누르면 다음 시연을 깨끗하게 시작합니다.' },
  },
  openByText: '결제사가 고객에게 문자를 보냈습니다. 휴대폰에서 문자의 링크를 누르세요.',
};

const en: DemoTexts = {
  docTitle: 'pay-link demo · the counter and the customer’s phone',
  title: 'One-screen demo',
  gateway: 'Gateway',
  kiccQr: 'KICC · QR',
  kiccSms: 'KICC · text',
  paywelcomeQr: 'PayWelcome · QR',
  views: 'Showing',
  counter: 'Counter',
  phone: 'Customer’s phone',
  counterFrame: 'The counter’s POS screen',
  browserFrame: 'The browser on the customer’s phone',
  tourStart: 'Guided tour',
  tourEnd: 'End the tour',
  otherLanguage: '한국어',
  reset: 'Start over',
  resetDone: 'Every payment request of the demo is cleared.',
  resetFailed: 'Could not clear the demo. Check the server.',
  idle: 'Make a request at the counter: what the customer gets shows here.',
  camera: 'Camera',
  cameraHint: 'Pointed at the QR code on the counter’s screen',
  scan: 'Scan',
  scanOpens: (host) => `Open ${host}`,
  qr: 'The QR code the camera sees',
  messages: 'Messages',
  textWaiting: 'Waiting for the gateway’s text…',
  back: 'Back',
  tour: 'Tour',
  stepOf: (n, of) => `Step ${n} of ${of}`,
  steps: {
    make: { title: 'Make a request', caption: 'At the counter, type an amount and a product, then make the payment link.' },
    open: { title: 'The customer opens it', caption: 'The customer points the camera at the QR code. Press “Scan” on the phone.' },
    pay: { title: 'Pay', caption: 'The gateway’s checkout is open on the phone. Press “결제하기” (pay).' },
    paid: { title: 'Paid', caption: 'Nobody touched the counter, yet it turned to “Paid” by itself, and so did today’s list. Now press “Refund” on its row.' },
    refund: { title: 'Refund from the list', caption: 'Check the amount and confirm the refund. Part of it can go back, too.' },
    done: { title: 'Refunded', caption: 'The gateway refunded it, and the list and today’s totals show it at once. “Start over” clears the demo for the next pitch.' },
  },
  openByText: 'The gateway texted the customer. Tap the link in the text on the phone.',
};

/** `?lang=ko|en`, else the first of the browser's languages that is either. */
export function pickLocale(search: string, languages: readonly string[]): DemoLocale {
  for (const tag of [new URLSearchParams(search).get('lang') ?? '', ...languages]) {
    const lower = tag.trim().toLowerCase();
    if (lower.startsWith('ko')) return 'ko';
    if (lower.startsWith('en')) return 'en';
  }
  return 'ko';
}

export const textsFor = (locale: DemoLocale): DemoTexts => (locale === 'en' ? en : ko);

/** Fills `[data-text]` with its text and `[data-label]` with its `aria-label`. */
export function applyTexts(root: ParentNode, t: DemoTexts) {
  const word = (key: string | undefined) => {
    const value = key ? t[key as keyof DemoTexts] : undefined;
    return typeof value === 'string' ? value : '';
  };
  for (const element of root.querySelectorAll<HTMLElement>('[data-text]')) element.textContent = word(element.dataset.text);
  for (const element of root.querySelectorAll<HTMLElement>('[data-label]')) element.setAttribute('aria-label', word(element.dataset.label));
  for (const element of root.querySelectorAll<HTMLElement>('[data-title]')) element.title = word(element.dataset.title);
}
