import { withParticle } from '../particles.js';
import { koFields } from './ko-fields.js';
import type { SharedMessages } from './types.js';

/** `600` → "10분", `86400` → "1일": a wait or a window, rounded up to its largest unit. */
function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}초`;
  if (seconds < 3600) return `${Math.ceil(seconds / 60)}분`;
  if (seconds < 86_400) return `${Math.ceil(seconds / 3600)}시간`;
  return `${Math.ceil(seconds / 86_400)}일`;
}

export const ko: SharedMessages = {
  fields: koFields,
  problems: {
    required: ({ label }) => `${withParticle(label, '을/를')} 입력해 주세요.`,
    invalid_type: ({ label }) => `${label}의 형식이 올바르지 않습니다.`,
    unknown_field: ({ label }) => `알 수 없는 항목입니다: ${label}`,
    not_integer: ({ label }) => `${withParticle(label, '은/는')} 원 단위 정수로 입력해 주세요. 소수점이나 지수 표기는 쓸 수 없습니다.`,
    amount_range: ({ min, max }) => `금액은 ${Number(min).toLocaleString('ko-KR')}원 이상 ${Number(max).toLocaleString('ko-KR')}원 이하여야 합니다.`,
    too_long: ({ label, bytes, limit }) => `${withParticle(label, '이/가')} 너무 깁니다: ${bytes}바이트 / 최대 ${limit}바이트 (한글은 한 글자에 2바이트).`,
    unencodable: ({ label, char }) => `${label}에 결제사가 받을 수 없는 문자 ${withParticle(`“${char}”`, '이/가')} 있습니다.`,
    forbidden_char: ({ label, char }) => `${label}에 쓸 수 없는 문자 ${withParticle(`“${char}”`, '이/가')} 있습니다.`,
    invalid_order_id: ({ label }) => `${label}에는 영문, 숫자, -, _ 만 쓸 수 있습니다.`,
    duplicate_order_id: ({ label }) => `이미 사용한 ${label}입니다.`,
    invalid_phone: () => '휴대폰 번호가 올바르지 않습니다. 예: 010-1234-5678',
    invalid_email: () => '이메일 주소가 올바르지 않습니다.',
    phone_required_for_sms: () => '문자로 보내려면 고객 휴대폰 번호가 필요합니다.',
    sms_not_supported: () => '이 결제사는 결제 링크를 문자로 보내지 않습니다. 링크를 직접 전달해 주세요.',
    invalid_date: ({ label }) => `${withParticle(label, '이/가')} 올바른 날짜가 아닙니다.`,
    expires_in_past: ({ minutes }) => `만료 시각은 지금부터 ${minutes}분 이후여야 합니다.`,
    expires_too_late: ({ hours }) => `이 결제사의 링크는 최대 ${hours}시간까지만 유효합니다.`,
    invalid_provider: () => '지원하지 않는 결제사입니다.',
    provider_not_configured: () => '이 결제사는 설정되어 있지 않습니다. 다른 결제사를 선택하거나 관리자에게 문의해 주세요.',
    refund_exceeds_remaining: ({ remaining }) => `환불할 수 있는 금액은 ${Number(remaining).toLocaleString('ko-KR')}원입니다.`,
    legacy_charset: ({ label, chars }) => `${label}의 ${withParticle(`“${chars}”`, '은/는')} 일부 결제 화면에서 깨져 보일 수 있습니다.`,
    sms_rate_limited: ({ count, windowSeconds, waitSeconds }) =>
      `이 번호로는 ${duration(Number(windowSeconds))}에 ${count}건까지만 문자를 보낼 수 있습니다. ${duration(Number(waitSeconds))} 뒤에 다시 보내거나 링크를 직접 전달해 주세요.`,
    token_mismatch: ({ label }) => `${withParticle(label, '이/가')} 이 페이지에서 허용된 값과 다릅니다.`,
  },
};
