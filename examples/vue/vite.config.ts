import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // Vue would otherwise look for a Vue component named pay-link-request, and warn.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('pay-link-') } },
    }),
  ],
});
