/** The widget's language: one table per language, picked from the page. */

import type { Locale } from '../../core/messages/index.js';
import { en } from './en.js';
import { ko } from './ko.js';
import type { WidgetMessages } from './types.js';

export type { WidgetMessages } from './types.js';
export const WIDGET_MESSAGES: Record<Locale, WidgetMessages> = { ko, en };

const asLocale = (tag: string | null | undefined): Locale | undefined => {
  const lower = tag?.trim().toLowerCase() ?? '';
  return lower.startsWith('ko') ? 'ko' : lower.startsWith('en') ? 'en' : undefined;
};

/**
 * The element's own `lang`, else the nearest `[lang]` around it (across
 * shadow roots), else the browser's language; Korean when that is neither.
 */
export function resolveLocale(element: Element): Locale {
  return asLocale(closestLang(element)) ?? asLocale(navigator.language) ?? 'ko';
}

function closestLang(element: Element): string | undefined {
  for (let node: Element | null = element; node; node = node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host ?? null)) {
    const lang = node.getAttribute('lang');
    if (lang) return lang;
  }
  return undefined;
}
