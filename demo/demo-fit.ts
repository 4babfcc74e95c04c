/**
 * Both devices of /demo drawn at their own size and scaled to the screen:
 * the phone lays out at 390×844 as a phone does, the counter at a tablet's
 * width or more, so /pos keeps its list beside the form. Side by side from
 * `WIDE` up; below, one at a time, the counter at the screen's own width.
 */

export const WIDE = '(min-width: 960px)';

/** The handset: the 390×844 screen in its bezel (demo-page.css). */
const HANDSET = { width: 390 + 2 * 12, height: 844 + 2 * 12 };
/** The narrowest the counter lays out at, side by side: /pos puts its list beside the form from 900 px. */
const COUNTER_MIN_WIDTH = 1024;

export function fitDevices(devices: HTMLElement, counter: HTMLElement, counterFrame: HTMLIFrameElement, phone: HTMLElement) {
  const wide = matchMedia(WIDE);
  const fit = () => {
    const style = getComputedStyle(devices);
    const height = devices.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const width = devices.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    // Side by side the phone takes at most two fifths of the width.
    const phoneScale = Math.min(1, height / HANDSET.height, (wide.matches ? width * 0.4 : width) / HANDSET.width);
    phone.style.setProperty('--phone-scale', String(Math.max(0.3, phoneScale)));

    const box = { width: counter.clientWidth, height: counter.clientHeight };
    if (!box.width || !box.height) return;
    const logicalWidth = wide.matches ? Math.max(box.width, COUNTER_MIN_WIDTH) : box.width;
    const scale = box.width / logicalWidth;
    counterFrame.style.width = `${logicalWidth}px`;
    counterFrame.style.height = `${box.height / scale}px`;
    counterFrame.style.transform = scale === 1 ? '' : `scale(${scale})`;
  };
  const observer = new ResizeObserver(fit);
  observer.observe(devices);
  observer.observe(counter);
  wide.addEventListener('change', fit);
  fit();
}
