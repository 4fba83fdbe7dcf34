/// <reference types="vitest/config" />
import { defineConfig, type Connect, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { headersFor } from './src/security/headers.ts';

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

export default defineConfig({
  plugins: [svelte(), svelteTesting(), securityHeaders()],
  build: { target: 'es2022', sourcemap: false },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/component/**/*.test.ts'],
    environment: 'jsdom',
    setupFiles: ['tests/setup.ts'],
  },
});
