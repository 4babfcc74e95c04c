/**
 * A merchant's accent stays readable: with `--pay-link-accent` and no
 * `--pay-link-on-accent`, the element picks the text on it, and shades the
 * accent where it is text on the surface, to 4.5:1 in light and dark.
 */

import { emulateMedia } from '@web/test-runner-commands';
import { expect } from 'chai';
import { $, accessibilityViolations, createLink, mount, unmountAll, until } from '../support/widget-harness.js';

afterEach(async () => {
  unmountAll();
  await emulateMedia({ colorScheme: 'light' });
});

/** A computed `rgb(…)` colour as its channels. */
const channels = (colour: string) => colour.match(/[\d.]+/g)!.slice(0, 3).map(Number);
const luminance = (colour: string) => {
  const [r, g, b] = channels(colour).map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
const ratio = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** Text on a filled button. */
const onFill = (element: HTMLElement, selector: string) => {
  const button = getComputedStyle($(element as never, selector));
  return ratio(button.color, button.backgroundColor);
};
/** An outlined button's text on the element's surface. */
const onSurface = (element: HTMLElement, selector: string) => ratio(getComputedStyle($(element as never, selector)).color, getComputedStyle(element).backgroundColor);

describe('a custom accent without its text colour', () => {
  it('light: a bright green gets dark text, and a darker green where it is text', async () => {
    const element = await mount({ provider: 'kicc', lang: 'en', style: '--pay-link-accent: #22c55e' });
    // White on this green, the default, is 2.28:1.
    expect(onFill(element, '[part~="submit"]')).to.be.at.least(4.5);
    await createLink(element);
    expect(onSurface(element, '[part~="copy"]')).to.be.at.least(4.5);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('dark: a brown brand colour gets white text, and a lighter brown where it is text', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const element = await mount({ provider: 'kicc', lang: 'en', style: '--pay-link-accent: #6b3e26' });
    // The dark scheme's default text on the accent, navy, is 1.99:1 on this brown.
    expect(onFill(element, '[part~="submit"]')).to.be.at.least(4.5);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
    await createLink(element);
    expect(onSurface(element, '[part~="copy"]')).to.be.at.least(4.5);
    expect(await accessibilityViolations(element)).to.deep.equal([]);
  });

  it('follows the colour scheme as it changes', async () => {
    const element = await mount({ provider: 'kicc', lang: 'en', style: '--pay-link-accent: #6b3e26' });
    expect(onFill(element, '[part~="submit"]')).to.be.at.least(4.5);
    await createLink(element);
    await emulateMedia({ colorScheme: 'dark' });
    await until(() => getComputedStyle(element).backgroundColor !== 'rgb(255, 255, 255)', 'the dark surface');
    await until(() => onSurface(element, '[part~="copy"]') >= 4.5, 'a readable accent on the dark surface', 2000);
  });

  it('leaves a text colour the page chose alone', async () => {
    const element = await mount({ provider: 'kicc', style: '--pay-link-accent: #22c55e; --pay-link-on-accent: #ffffff' });
    expect(getComputedStyle($(element, '[part~="submit"]')).color).to.equal('rgb(255, 255, 255)');
  });
});
