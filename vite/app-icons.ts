import type { Plugin } from 'vite';
import { drawIcon } from './icon.ts';
import { encodePng } from './png.ts';

/** The PNG icons of the web app manifest, as `vite.config.ts` lists them. */
export const APP_ICONS = [
  { fileName: 'icons/icon-192.png', size: 192, maskable: false },
  { fileName: 'icons/icon-512.png', size: 512, maskable: false },
  { fileName: 'icons/maskable-512.png', size: 512, maskable: true },
] as const;

/** Draws the app icons at build time and adds them to `dist/` (see icon.ts). */
export function appIcons(): Plugin {
  return {
    name: 'airlock-app-icons',
    apply: 'build',
    generateBundle() {
      for (const { fileName, size, maskable } of APP_ICONS) {
        this.emitFile({
          type: 'asset',
          fileName,
          source: encodePng(size, size, drawIcon(size, maskable)),
        });
      }
    },
  };
}
