import type { FormMessages } from './types.js';

const duration = (seconds: number) => (seconds < 60 ? `${seconds}초` : seconds < 3600 ? `${Math.ceil(seconds / 60)}분` : `${Math.ceil(seconds / 3600)}시간`);

export const ko: FormMessages = {
  optional: '선택',
  won: '원',
  bytes: (used, limit, uncounted) => `${used} / ${limit}바이트${uncounted.length ? ` (${uncounted.join(' ')} 제외)` : ''}`,
  deliveryProvider: '결제사가 고객에게 문자로 보내기',
  deliveryNone: '링크를 직접 전달하기 (QR·복사·공유)',
  submit: (amount) => (amount ? `${amount} 결제 링크 만들기` : '결제 링크 만들기'),
  submitting: '결제 링크를 만드는 중…',
  retryIn: (wait) => `${wait} 뒤에 다시 시도할 수 있습니다.`,
  duration,

  errors: {
    network_error: '서버에 연결하지 못했습니다. 연결을 확인하고 다시 시도해 주세요.',
    offline: '인터넷에 연결되어 있지 않습니다. 연결되면 다시 시도해 주세요.',
    timeout: '서버가 제때 응답하지 않았습니다. 다시 시도해 주세요.',
    bad_response: '서버의 응답을 읽을 수 없습니다. 잠시 후 다시 시도해 주세요.',
    missing_endpoint: '결제 서버 주소(endpoint)가 설정되지 않았습니다.',
  },
  retry: '다시 시도',
};
