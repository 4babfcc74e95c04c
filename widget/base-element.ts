/**
 * The elements' base: Lit's templates rendered into a shadow root on a
 * batched update, properties kept in step with their attributes, and Lit's
 * ReactiveControllerHost, which the result view's and the list's controllers
 * use. It does what LitElement does for these elements and no more (no
 * converters, per-property `hasChanged` or scheduling hooks), for some 2 KB
 * less on every page that loads the widget.
 */

import { render, type RootPart } from 'lit/html.js';
import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';
import { adoptStyles, type Css } from './css.js';

export interface PropertyOptions {
  /** The attribute's name; the property's, in lower case, when absent; `false`: none (internal state). */
  attribute?: string | false;
  /** How the attribute reads: text (the default), a number, or present / absent. */
  type?: typeof Number | typeof Boolean;
  /** The attribute follows the property. */
  reflect?: boolean;
}

const attributeOf = (name: string, options: PropertyOptions) => (options.attribute === false ? undefined : (options.attribute ?? name.toLowerCase()));

export abstract class BaseElement extends HTMLElement implements ReactiveControllerHost {
  static styles?: Css | Css[];
  /** The class's own reactive properties, as Lit's `static properties` declares them. */
  static properties: Record<string, PropertyOptions> = {};
  /** The reactive properties of the class and those it inherits, once the class is finalized. */
  static propertyOptions = new Map<string, PropertyOptions>();

  static get elementStyles(): Css[] {
    return this.styles ? [this.styles].flat() : [];
  }

  static get observedAttributes(): string[] {
    this.finalize();
    return [...this.propertyOptions].flatMap(([name, options]) => attributeOf(name, options) ?? []);
  }

  /** Makes accessors of the class's own `properties`, after its parent's (at definition: `observedAttributes` is read then). */
  static finalize() {
    if (Object.hasOwn(this, 'propertyOptions')) return;
    const parent = Object.getPrototypeOf(this) as typeof BaseElement;
    parent.finalize?.();
    this.propertyOptions = new Map(parent.propertyOptions);
    if (Object.hasOwn(this, 'properties')) for (const [name, options] of Object.entries(this.properties)) this.createProperty(name, options);
  }

  static createProperty(name: string, options: PropertyOptions) {
    this.propertyOptions.set(name, options);
    Object.defineProperty(this.prototype, name, {
      get(this: BaseElement) {
        return this.values.get(name);
      },
      set(this: BaseElement, value: unknown) {
        const old = this.values.get(name);
        // Lit's `notEqual`: NaN is NaN.
        if (old === value || (old !== old && value !== value)) return;
        this.values.set(name, value);
        this.requestUpdate(name, old);
      },
      configurable: true,
    });
  }

  declare renderRoot: ShadowRoot;
  hasUpdated = false;
  isUpdatePending = false;
  private readonly values = new Map<string, unknown>();
  private changed = new Map<PropertyKey, unknown>();
  private toReflect = new Set<string>();
  /** The property an attribute is setting: not reflected back. */
  private fromAttribute?: string;
  private controllers = new Set<ReactiveController>();
  /** Values a framework set before the element was defined, applied over the defaults at the first update. */
  private early = new Map<string, unknown>();
  private childPart?: RootPart;
  private connect!: () => void;
  private updatePromise: Promise<boolean>;

  constructor() {
    super();
    this.updatePromise = new Promise<void>((resolve) => (this.connect = resolve)).then(() => this.performUpdate());
    this.isUpdatePending = true;
    for (const name of (this.constructor as typeof BaseElement).propertyOptions.keys()) {
      if (Object.hasOwn(this, name)) this.early.set(name, this[name as keyof this]), delete this[name as keyof this];
    }
  }

  addController(controller: ReactiveController) {
    this.controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController) {
    this.controllers.delete(controller);
  }

  connectedCallback() {
    if (!this.renderRoot) {
      this.renderRoot = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      adoptStyles(this.renderRoot, (this.constructor as typeof BaseElement).elementStyles);
    }
    this.connect();
    this.childPart?.setConnected(true);
    for (const controller of this.controllers) controller.hostConnected?.();
  }

  disconnectedCallback() {
    this.childPart?.setConnected(false);
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null) {
    for (const [name, options] of (this.constructor as typeof BaseElement).propertyOptions) {
      if (attributeOf(name, options) !== attribute) continue;
      this.fromAttribute = name;
      (this as Record<string, unknown>)[name] = options.type === Boolean ? value !== null : options.type === Number && value !== null ? Number(value) : value;
      this.fromAttribute = undefined;
    }
  }

  /** Schedules an update (once, however many properties change before it runs). */
  requestUpdate(name?: PropertyKey, old?: unknown) {
    if (name !== undefined) {
      if (!this.changed.has(name)) this.changed.set(name, old);
      const options = (this.constructor as typeof BaseElement).propertyOptions.get(name as string);
      if (options?.reflect && this.fromAttribute !== name) this.toReflect.add(name as string);
    }
    if (this.isUpdatePending) return;
    this.isUpdatePending = true;
    const run = () => this.performUpdate();
    this.updatePromise = this.updatePromise.then(run, run);
  }

  get updateComplete(): Promise<boolean> {
    return this.getUpdateComplete();
  }

  /** Resolves once no update is pending; `true` when none was requested meanwhile. */
  protected getUpdateComplete(): Promise<boolean> {
    return this.updatePromise;
  }

  protected performUpdate(): boolean {
    if (!this.isUpdatePending) return true;
    if (!this.hasUpdated) for (const [name, value] of this.early) (this as Record<string, unknown>)[name] = value;
    const changed = this.changed as PropertyValues<this>;
    const ctor = this.constructor as typeof BaseElement;
    let template: unknown;
    try {
      // What changes in here is part of this update, as in Lit.
      this.willUpdate(changed);
      for (const controller of this.controllers) controller.hostUpdate?.();
      for (const name of this.toReflect) {
        const value = this.values.get(name);
        const attribute = attributeOf(name, ctor.propertyOptions.get(name)!)!;
        if (value == null || value === false) this.removeAttribute(attribute);
        else this.setAttribute(attribute, value === true ? '' : String(value));
      }
      template = this.render();
    } finally {
      this.changed = new Map();
      this.toReflect = new Set();
      this.isUpdatePending = false;
    }
    this.childPart = render(template, this.renderRoot, { host: this });
    for (const controller of this.controllers) controller.hostUpdated?.();
    if (!this.hasUpdated) (this.hasUpdated = true), this.firstUpdated(changed);
    this.updated(changed);
    return !this.isUpdatePending;
  }

  protected willUpdate(_changed: PropertyValues<this>): void {}
  protected firstUpdated(_changed: PropertyValues<this>): void {}
  protected updated(_changed: PropertyValues<this>): void {}
  protected abstract render(): unknown;
}
