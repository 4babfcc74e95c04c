import { en } from './en.js';
import { ko } from './ko.js';
import type { Locale, SharedMessages } from './types.js';

export { describeProblem } from './describe.js';
export type { Locale, SharedMessages } from './types.js';
export const MESSAGES: Record<Locale, SharedMessages> = { ko, en };

/** The preferred supported language of an `Accept-Language` header; Korean when none matches. */
export function pickLocale(acceptLanguage: string | null | undefined): Locale {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag, q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter(({ tag, q }) => tag && q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('ko')) return 'ko';
    if (tag.startsWith('en')) return 'en';
  }
  return 'ko';
}
