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

// Made on first use: a Korean number format loads the locale's data, tens of milliseconds of a server's start.
let groupFormat: Intl.NumberFormat | undefined;
let currencyFormat: Intl.NumberFormat | undefined;

/** `12000` → `12,000`, for an input being typed. */
export const formatGrouped = (won: number): string => (groupFormat ??= new Intl.NumberFormat('ko-KR')).format(won);

/** `12000` → `₩12,000`. */
export const formatWon = (won: number): string => (currencyFormat ??= new Intl.NumberFormat('ko-KR', { style: 'currency', currency: 'KRW' })).format(won);

/** An amount as each language writes it: `12,000원` in Korean, `₩12,000` in English. */
export const formatWonIn = (won: number, locale: 'ko' | 'en'): string => (locale === 'ko' ? `${formatGrouped(won)}원` : formatWon(won));

/**
 * An amount as it is said in Korean, by 억 and 만 (`12000` → `1만 2천원`,
 * `1234500` → `123만 4,500원`, `50000` → `5만원`): a slip of one zero,
 * 12,000 for 120,000, reads differently at a glance.
 */
export function readWon(won: number): string {
  const parts: string[] = [];
  for (const [unit, size] of [['억', 100_000_000], ['만', 10_000], ['', 1]] as const) {
    const group = Math.floor(won / size) % (unit === '억' ? Infinity : 10_000);
    if (!group) continue;
    const words = group % 1000 === 0 && group >= 1000 ? `${group / 1000}천` : formatGrouped(group);
    parts.push(`${words}${unit}`);
  }
  return `${parts.join(' ') || '0'}원`;
}
