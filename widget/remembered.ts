/**
 * The link an element is showing, remembered for the tab (sessionStorage)
 * under its endpoint, so a reload shows it again and follows it live rather
 * than losing a link that can still be paid. Only the id: nothing about the
 * customer is kept in the browser. A link already shown on this page is not
 * recalled by another element on it: only a new page (a reload) recalls.
 */

/** Links shown since this page loaded. */
const shownHere = new Set<string>();

const keyOf = (endpoint: string) => {
  try {
    return `pay-link:${new URL(endpoint, location.href).href.replace(/\/+$/, '')}`;
  } catch {
    return `pay-link:${endpoint}`;
  }
};

/** Storage may be off (a privacy setting, a sandboxed frame): then nothing is remembered. */
function storage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

export function remember(endpoint: string, linkId: string) {
  shownHere.add(linkId);
  try {
    storage()?.setItem(keyOf(endpoint), linkId);
  } catch {
    // Full or refused: a reload then shows the form, as before.
  }
}

export function recall(endpoint: string): string | undefined {
  const id = storage()?.getItem(keyOf(endpoint)) ?? undefined;
  return id && !shownHere.has(id) ? id : undefined;
}

export const forget = (endpoint: string) => storage()?.removeItem(keyOf(endpoint));
