/**
 * POS mode, loaded with `import()` only by an element in `mode="pos"`: the
 * keypad form, the view facing the customer, the screen kept on, the chime.
 * The element hands its LinkView class in, so none of the result view's
 * code is bundled here twice.
 */

import type { TemplateResult } from 'lit/html.js';
import type { Css } from '../css.js';
import type { FormContext } from '../form-view.js';
import type { LinkView } from '../link-view.js';
import { unlockSound } from './chime.js';
import { posMessages } from './messages.js';
import { renderPosForm, type PosFormHooks } from './pos-form.js';
import { posLinkView } from './pos-link-view.js';
import { posStyles } from './styles.js';

export interface PosMode {
  styles: Css;
  defaultGoodsName: (locale: 'ko' | 'en') => string;
  renderForm: (context: FormContext, hooks: PosFormHooks) => TemplateResult;
  /** The counter's link view, made from the element's own LinkView class. */
  LinkView: (base: typeof LinkView) => typeof LinkView;
  /** Called from the user gesture that makes a link: the chime on "Paid" may then play. */
  unlockSound: () => void;
}

const views = new WeakMap<typeof LinkView, typeof LinkView>();

export const posMode: PosMode = {
  styles: posStyles,
  defaultGoodsName: (locale) => posMessages(locale).defaultGoodsName,
  renderForm: renderPosForm,
  LinkView: (base) => {
    let view = views.get(base);
    if (!view) views.set(base, (view = posLinkView(base)));
    return view;
  },
  unlockSound,
};
