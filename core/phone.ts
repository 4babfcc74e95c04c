/** Korean mobile numbers: digits on the wire, dashes on screen, masked in answers. */

/** Only the digits of `input` (`010-1234-5678` → `01012345678`). */
export function phoneDigits(input: string): string {
  return input.replace(/\D/g, '');
}

/**
 * A Korean mobile number: 010 with 8 more digits, or one of the older
 * prefixes 011/016/017/018/019 with 7 or 8.
 */
export function isKoreanMobile(input: string): boolean {
  const digits = phoneDigits(input);
  return /^010\d{8}$/.test(digits) || /^01[16789]\d{7,8}$/.test(digits);
}

/** The number as dialled in Korea: `+82 10 1234 5678` and `0082-10-…` become `01012345678`. */
export function nationalDigits(input: string): string {
  const international = /^\s*(?:\+|00)\s*82/.exec(input);
  if (!international) return phoneDigits(input);
  const digits = phoneDigits(input.slice(international[0].length));
  return digits.startsWith('0') ? digits : `0${digits}`;
}

/**
 * Dashes as a person types: `0101234` → `010-1234`, `01012345678` → `010-1234-5678`;
 * an international `+82 10 1234 5678` (pasted, say) becomes `010-1234-5678`.
 */
export function formatPhone(input: string): string {
  // `+`, `+8`, `+82`: the start of an international number being typed, kept until its digits come.
  if (/^\s*\+\s*8?2?\s*$/.test(input)) return input.trim();
  const digits = nationalDigits(input).slice(0, 11);
  if (digits.length <= 3) return digits;
  if (digits.length <= 7) return `${digits.slice(0, 3)}-${digits.slice(3)}`;
  const middle = digits.length === 11 ? 4 : 3;
  return `${digits.slice(0, 3)}-${digits.slice(3, 3 + middle)}-${digits.slice(3 + middle)}`;
}

/** `010-****-5678`: enough for staff to recognise the customer, not to call them. */
export function maskPhone(input: string): string {
  const digits = phoneDigits(input);
  if (digits.length < 8) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}-${'*'.repeat(digits.length - 7)}-${digits.slice(-4)}`;
}
