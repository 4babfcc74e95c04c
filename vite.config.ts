import { defineConfig } from 'vitest/config';

/**
 * One config for the widget bundle (`vite build`) and the server tests
 * (`vitest`). The widget is an ES module that registers
 * `<pay-link-request>`; the QR encoder is split into a chunk loaded on the
 * first link shown.
 */
export default defineConfig({
  build: {
    outDir: 'dist/widget',
    emptyOutDir: true,
    target: 'es2021',
    sourcemap: true,
    lib: {
      entry: 'widget/define.ts',
      formats: ['es'],
      fileName: () => 'widget.js',
    },
    rollupOptions: {
      output: { chunkFileNames: 'widget-[name]-[hash].js' },
    },
  },
  test: {
    include: ['test/server/**/*.test.ts'],
    // Every wire timestamp must be Korea time whatever the machine's zone:
    // the server tests run in one that is far from it.
    env: { TZ: 'America/Los_Angeles' },
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
