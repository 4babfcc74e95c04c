/**
 * The guided tour of /demo (`?tour`): the story in six steps, each with a
 * short caption, moved on only by what really happens — the counter's
 * events, the phone opening the link, the list's refund — never by a timer.
 * A new request starts the story again from the customer's side.
 */

import type { DemoTexts, StepId } from './demo-texts.js';

const STEPS: readonly StepId[] = ['make', 'open', 'pay', 'paid', 'refund', 'done'];

export class Tour {
  private step: StepId = 'make';
  private byText = false;

  /** `root`: the tour's panel, holding `.step-of`, `.caption` and an `ol.steps` filled here. */
  constructor(
    private readonly root: HTMLElement,
    private readonly t: DemoTexts,
  ) {
    const list = root.querySelector('ol.steps')!;
    list.replaceChildren(...STEPS.map((id) => Object.assign(document.createElement('li'), { textContent: t.steps[id].title })));
    this.render();
  }

  /** A link was made: the customer gets it next (texted, or shown as a QR). */
  created(byText: boolean) {
    this.byText = byText;
    this.go('open');
  }

  /** The link opened on the phone. */
  opened() {
    if (this.step === 'open') this.go('pay');
  }

  paid() {
    if (this.step === 'open' || this.step === 'pay') this.go('paid');
  }

  /** Refund was pressed on a row of the list. */
  refundAsked() {
    if (this.step === 'paid') this.go('refund');
  }

  refunded() {
    if (this.step === 'paid' || this.step === 'refund') this.go('done');
  }

  restart() {
    this.go('make');
  }

  private go(step: StepId) {
    this.step = step;
    this.render();
  }

  private render() {
    const { t, root, step } = this;
    const index = STEPS.indexOf(step);
    root.dataset.step = step;
    root.querySelector('.step-of')!.textContent = t.stepOf(index + 1, STEPS.length);
    root.querySelector('.step-title')!.textContent = t.steps[step].title;
    root.querySelector('.caption')!.textContent = step === 'open' && this.byText ? t.openByText : t.steps[step].caption;
    root.querySelectorAll('ol.steps li').forEach((item, i) => {
      item.classList.toggle('past', i < index);
      if (i === index) item.setAttribute('aria-current', 'step');
      else item.removeAttribute('aria-current');
    });
  }
}
