/** Money is an integer number of won; these are its bounds and its display. */

/** The smallest amount card schemes accept for a payment link. */
export const MIN_AMOUNT = 100;
/** PayWelcome's `P_AMT` holds 9 digits; the same ceiling keeps both providers alike. */
export const MAX_AMOUNT = 999_999_999;

export function isValidAmount(amount: unknown): amount is number {
  return Number.isSafeInteger(amount) && (amount as number) >= MIN_AMOUNT && (amount as number) <= MAX_AMOUNT;
}

/** Digits typed in any form (`12,000`, `₩12000`) as won, or `null` when there are none. */
export function parseWon(input: string): number | null {
  const digits = input.replace(/\D/g, '');
  return digits ? Number(digits.slice(0, 12)) : null;
}

const groupFormat = new Intl.NumberFormat('ko-KR');
const currencyFormat = new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' });

/** `12000` → `12,000`, for an input being typed. */
export const formatGrouped = (won: number): string => groupFormat.format(won);

/** `12000` → `₩12,000`. */
export const formatWon = (won: number): string => currencyFormat.format(won);

/** An amount as each language writes it: `12,000원` in Korean, `₩12,000` in English. */
export const formatWonIn = (won: number, locale: 'ko' | 'en'): string => (locale === 'ko' ? `${formatGrouped(won)}원` : formatWon(won));
