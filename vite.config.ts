/// <reference types="vitest/config" />
import { defineConfig, type Connect, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { VitePWA } from 'vite-plugin-pwa';
import { headersFor } from './src/security/headers.ts';
import { APP_ICONS, appIcons } from './vite/app-icons.ts';

/**
 * Sends Airlock's strict security headers on everything `npm start` (vite preview) serves.
 * Not on the dev server: its hot reload needs inline styles and a websocket.
 */
function securityHeaders(): Plugin {
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    for (const [name, value] of Object.entries(headersFor(pathname))) res.setHeader(name, value);
    next();
  };
  return {
    name: 'airlock-security-headers',
    configurePreviewServer: (server) => void server.middlewares.use(middleware),
  };
}

/**
 * The service worker (src/sw.ts) and the web app manifest. vite-plugin-pwa builds sw.js and
 * injects the list of files to precache (every file of the build, with revisions); we register
 * it from app code (src/platform/service-worker.ts), never with an inline script.
 */
function offlineApp(): Plugin[] {
  return VitePWA({
    strategies: 'injectManifest',
    srcDir: 'src',
    filename: 'sw.ts',
    injectRegister: false,
    registerType: 'prompt',
    manifest: {
      name: 'Airlock',
      short_name: 'Airlock',
      description: 'Offline annotation workbench: your data never leaves this browser.',
      id: '/',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      background_color: '#f6f7f9',
      theme_color: '#2457c5',
      icons: [
        ...APP_ICONS.map(({ fileName, size, maskable }) => ({
          src: `/${fileName}`,
          sizes: `${size}x${size}`,
          type: 'image/png',
          purpose: maskable ? 'maskable' : 'any',
        })),
        { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
      ],
    },
    injectManifest: {
      // The plugin adds manifest.webmanifest itself.
      globPatterns: ['**/*.{js,css,html,svg,png}'],
    },
    includeManifestIcons: false, // the globs above already list them
    devOptions: { enabled: false },
  });
}

export default defineConfig({
  plugins: [svelte(), svelteTesting(), securityHeaders(), appIcons(), offlineApp()],
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
    // Component tests drive a DOM with user-event on two shared cores: give them room.
    testTimeout: 20_000,
  },
});
