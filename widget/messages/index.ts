/**
 * The widget's words in the page's language: its own table (ko.ts, en.ts)
 * with core's field labels and problem texts. Korean, the usual case, is in
 * the bundle, but for its problem texts, which come with the form's rules
 * (rules.ts), and the result's words, which come with the result view
 * (ko-result.ts); English is fetched the first time a page asks for it.
 */

import type { Locale, SharedMessages } from '../../core/messages/index.js';
import { koFields } from '../../core/messages/ko-fields.js';
import { ko } from './ko.js';
import type { FormMessages } from './types.js';

export type { FirstMessages, FormMessages, LaterKey, ResultMessages, WidgetMessages } from './types.js';

export interface Messages {
  locale: Locale;
  /** The form's words at least; English carries the result's too. */
  widget: FormMessages;
  /** Field labels. */
  fields: SharedMessages['fields'];
  /** Field labels and problem texts, where they came with the table (English); Korean's come with the rules. */
  shared?: SharedMessages;
}

export const KOREAN: Messages = { locale: 'ko', widget: ko, fields: koFields };

const tables = new Map<Locale, Messages | Promise<Messages>>([['ko', KOREAN]]);

const loadEnglish = async (): Promise<Messages> => {
  const [widget, shared] = await Promise.all([import('./en.js'), import('../../core/messages/en.js')]);
  return { locale: 'en', widget: widget.en, fields: shared.en.fields, shared: shared.en };
};

/** The table for `locale`: at once when it is here, otherwise a promise of it (Korean if it cannot be fetched). */
export function messagesFor(locale: Locale): Messages | Promise<Messages> {
  let table = tables.get(locale);
  if (!table) {
    table = loadEnglish().then(
      (loaded) => (tables.set(locale, loaded), loaded),
      () => (tables.delete(locale), KOREAN),
    );
    tables.set(locale, table);
  }
  return table;
}

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
