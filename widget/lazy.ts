/**
 * A part of the widget fetched with `import()` on first need: one fetch shared
 * by every caller, and forgotten when it fails, so a network blip does not
 * stick and the next need fetches it again.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
