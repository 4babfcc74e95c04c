/**
 * The elements' stylesheets: a `css` template made into one constructable
 * sheet on first use, shared by every element that adopts it. What the widget
 * uses of Lit's css-tag, without Lit's element base it would bring along.
 */

export class Css {
  private sheet?: CSSStyleSheet;

  constructor(readonly cssText: string) {}

  get styleSheet(): CSSStyleSheet {
    if (!this.sheet) (this.sheet = new CSSStyleSheet()).replaceSync(this.cssText);
    return this.sheet;
  }

  toString() {
    return this.cssText;
  }
}

/** A stylesheet from a template literal; interpolations are other `css` results or numbers, as in Lit. */
export const css = (strings: TemplateStringsArray, ...values: (Css | number)[]) => new Css(strings.reduce((text, string, i) => text + values[i - 1] + string));

/** A stylesheet from text the widget made itself (never from the page's input). */
export const unsafeCSS = (text: string) => new Css(text);

/** Puts `styles` on `root`, in order, in place of what it had; as `<style>` elements where sheets cannot be adopted (Safari before 16.4). */
export function adoptStyles(root: ShadowRoot, styles: readonly Css[]) {
  if ('adoptedStyleSheets' in root) return void (root.adoptedStyleSheets = styles.map((style) => style.styleSheet));
  for (const old of (root as ShadowRoot).querySelectorAll(':scope > style')) old.remove();
  (root as ShadowRoot).prepend(...styles.map((style) => Object.assign(document.createElement('style'), { textContent: style.cssText })));
}
