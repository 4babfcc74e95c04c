/**
 * Copies text: the Clipboard API where the page may use it, otherwise a
 * selection copied with `execCommand` (insecure pages, iframes without
 * `clipboard-write`), as GitHub's clipboard-copy-element does.
 */

export async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    copyBySelection(text);
  }
}

function copyBySelection(text: string) {
  const node = document.createElement('pre');
  node.textContent = text;
  // Off screen but rendered: a selection needs laid-out text.
  node.style.cssText = 'position:fixed;top:0;left:-9999px;white-space:pre;user-select:text';
  document.body.append(node);
  const selection = getSelection();
  const saved = selection && selection.rangeCount ? selection.getRangeAt(0) : undefined;
  try {
    selection?.selectAllChildren(node);
    if (!document.execCommand('copy')) throw new Error('copy refused');
  } finally {
    selection?.removeAllRanges();
    if (saved) selection?.addRange(saved);
    node.remove();
  }
}
