/**
 * custom-elements.json for editors and Storybook: `cem analyze` reads the
 * elements' Lit-style `static properties`, their JSDoc tags (@fires, @csspart, @cssprop) and
 * the `customElements.define` call that names its tag. It ships in
 * @pay-link/element, with the React and Vue types generated from it.
 */

import { frameworkTypes } from './scripts/framework-types.mjs';

const PACKAGE_DIR = 'packages/element';

export default {
  globs: ['widget/pay-link-request.ts', 'widget/pay-link-list.ts', 'widget/define.ts'],
  outdir: `${PACKAGE_DIR}/dist`,
  litelement: true,
  plugins: [
    {
      // The manifest ships in the package, whose modules are the compiled ones (packages/element/tsconfig.json).
      name: 'pay-link-package-paths',
      packageLinkPhase({ customElementsManifest: { modules } }) {
        const shipped = (path) => path.replace(/^widget\/(.+)\.ts$/, 'dist/lib/widget/$1.js');
        const declaredIn = new Map();
        for (const module of modules) {
          module.path = shipped(module.path);
          for (const declaration of module.declarations ?? []) {
            declaredIn.set(declaration.name, module.path);
            // The elements' base is one of ours (widget/base-element.ts), shipped beside them.
            const base = declaration.superclass?.module?.match(/^\/?(widget\/.+)\.js$/);
            if (base) declaration.superclass.module = shipped(`${base[1]}.ts`);
            // State that is not public API stays out of editors' completions.
            declaration.members = declaration.members?.filter((member) => (member.privacy ?? 'public') === 'public');
          }
        }
        for (const module of modules) {
          // A re-export points at the module that declares it; a type-only one (the event types) is no JavaScript export.
          module.exports = module.exports
            ?.map((entry) => ({ ...entry, declaration: { ...entry.declaration, module: declaredIn.get(entry.declaration.name) } }))
            .filter((entry) => entry.declaration.module);
        }
      },
    },
    frameworkTypes({ packageDir: PACKAGE_DIR, outdir: 'dist/types' }),
  ],
};
