/**
 * Readable colours for a merchant's accent. A page that sets
 * `--pay-link-accent` without `--pay-link-on-accent` gets text on the accent
 * chosen here (white or near-black, whichever contrasts more), and an accent
 * too close to the surface (its own, or a custom `--pay-link-bg`) to read as
 * text — outlined buttons, focus rings — gets a darker or lighter shade of itself. Computed from the colours as the
 * browser resolved them, in the colour scheme in force, to WCAG's 4.5:1.
 */

type Rgb = [number, number, number];

const AA = 4.5;
const LIGHT: Rgb = [255, 255, 255];
const DARK: Rgb = [17, 17, 17];

let canvas: CanvasRenderingContext2D | null | undefined;

/** Any CSS colour as sRGB bytes, drawn over `under` where it is translucent; `undefined` when it is not a colour. */
function toRgb(colour: string, under: Rgb = LIGHT): Rgb | undefined {
  canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!canvas || !colour) return undefined;
  // A sentinel no real colour equals: an unparsable value leaves it in place.
  canvas.fillStyle = '#010203';
  canvas.fillStyle = colour;
  if (canvas.fillStyle === '#010203' && colour.replace(/\s/g, '') !== '#010203') return undefined;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data as unknown as [number, number, number, number];
  const alpha = a / 255;
  return [r, g, b].map((value, i) => Math.round(value * alpha + under[i]! * (1 - alpha))) as Rgb;
}

function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((value) => {
    const c = value / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

const css = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`;

/** `colour` moved toward `target` until it reads against `surface`, or as far as it goes. */
function shadeFor(colour: Rgb, surface: Rgb): Rgb {
  const target = luminance(surface) > 0.18 ? [0, 0, 0] : [255, 255, 255];
  let shade = colour;
  for (let step = 1; step <= 20 && contrast(shade, surface) < AA; step++) {
    shade = colour.map((value, i) => Math.round(value + (target[i]! - value) * (step / 20))) as Rgb;
  }
  return shade;
}

/**
 * The `:host` declarations that make a custom accent readable on `host`
 * (whose computed style holds the resolved `--_accent` and `--_bg`); empty
 * when the page set neither colour or they cannot be read.
 */
export function readableAccent(host: Element): string {
  const style = getComputedStyle(host);
  const read = (name: string) => style.getPropertyValue(name).trim();
  const customAccent = !!read('--pay-link-accent');
  if (!customAccent && !read('--pay-link-bg')) return '';
  const surface = toRgb(read('--_bg'));
  const accent = surface && toRgb(read('--_accent'), surface);
  if (!surface || !accent) return '';
  const declarations: string[] = [];
  if (customAccent && !read('--pay-link-on-accent')) declarations.push(`--_on-accent: ${css(contrast(LIGHT, accent) >= contrast(DARK, accent) ? LIGHT : DARK)}`);
  if (contrast(accent, surface) < AA) declarations.push(`--_ink: ${css(shadeFor(accent, surface))}`);
  return declarations.length ? `:host { ${declarations.join('; ')}; }` : '';
}
