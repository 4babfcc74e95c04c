/**
 * /demo: the sales demo on one screen. The counter (the real /pos page) and
 * the customer's phone side by side; the phone follows the counter's events
 * by itself, the guided tour (`?tour`) captions each step as it really
 * happens, and "Start over" clears the demo's data for the next pitch.
 */

import { Counter, type Gateway } from './demo-counter.js';
import { fitDevices, WIDE } from './demo-fit.js';
import { Phone } from './demo-phone.js';
import { applyTexts, pickLocale, textsFor } from './demo-texts.js';
import { Tour } from './demo-tour.js';

const params = new URLSearchParams(location.search);
const locale = pickLocale(location.search, navigator.languages);
const t = textsFor(locale);
document.documentElement.lang = locale;
document.title = t.docTitle;
applyTexts(document, t);

const $ = <E extends Element = HTMLElement>(selector: string) => document.querySelector<E>(selector)!;
const touring = params.has('tour');
const tourPanel = $('#tour');
tourPanel.hidden = !touring;
const tour = new Tour(tourPanel, t);

/** The page's own address with `change` made to its query. */
const here = (change: (query: URLSearchParams) => void) => {
  const query = new URLSearchParams(location.search);
  change(query);
  const search = query.toString().replace(/=(&|$)/g, '$1');
  return `./demo${search ? `?${search}` : ''}`;
};
Object.assign($<HTMLAnchorElement>('#tour-link'), {
  textContent: touring ? t.tourEnd : t.tourStart,
  href: here((query) => (touring ? query.delete('tour') : query.set('tour', ''))),
});
Object.assign($<HTMLAnchorElement>('#lang-link'), {
  textContent: t.otherLanguage,
  href: here((query) => query.set('lang', locale === 'ko' ? 'en' : 'ko')),
  lang: locale === 'ko' ? 'en' : 'ko',
});

/** Narrow screens show one device at a time; the story moves the view where it happens next. */
const wide = matchMedia(WIDE);
const view = (name: 'counter' | 'phone') => {
  document.body.dataset.view = name;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#views button')) button.setAttribute('aria-pressed', String(button.value === name));
};
for (const button of document.querySelectorAll<HTMLButtonElement>('#views button')) button.addEventListener('click', () => view(button.value as 'counter' | 'phone'));
view('counter');
const follow = (name: 'counter' | 'phone') => wide.matches || view(name);

const phone = new Phone($('#phone'), t, locale, () => tour.opened());
const counter = new Counter($<HTMLIFrameElement>('#counter-frame'), locale, {
  created(link) {
    phone.follow(link);
    tour.created(link.delivery === 'provider-sms');
    follow('phone');
  },
  paid() {
    tour.paid();
    follow('counter');
  },
  refundAsked: () => tour.refundAsked(),
  refunded: () => tour.refunded(),
});

for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="gateway"]')) {
  radio.addEventListener('change', () => radio.checked && counter.choose(radio.value as Gateway));
}
counter.choose(document.querySelector<HTMLInputElement>('input[name="gateway"]:checked')!.value as Gateway);

const notice = $('#notice');
const reset = $<HTMLButtonElement>('#reset');
reset.addEventListener('click', async () => {
  reset.disabled = true;
  notice.textContent = '';
  try {
    const answer = await fetch('demo/reset', { method: 'POST' });
    if (!answer.ok) throw new Error(`HTTP ${answer.status}`);
    phone.idle();
    await counter.reload();
    tour.restart();
    view('counter');
    notice.textContent = t.resetDone;
  } catch {
    notice.textContent = t.resetFailed;
  } finally {
    reset.disabled = false;
  }
});

fitDevices($('#devices'), $('#counter'), $<HTMLIFrameElement>('#counter-frame'), $('#phone'));
