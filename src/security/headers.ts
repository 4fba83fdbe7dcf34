// The HTTP headers every Airlock deployment must send. One source for `npm start`
// (vite preview), the dev server, the README's nginx snippet and the tests.

/** Page CSP: nothing may be fetched or sent anywhere, only our own bundled files load. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "font-src 'self'",
  "connect-src 'none'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "form-action 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The service worker obeys the CSP of its own script response. Workbox precaching uses
 * fetch(), so it needs same-origin connect; it still may not reach any other origin.
 */
export const SERVICE_WORKER_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
].join('; ');

export const COMMON_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Frame-Options': 'DENY',
};

export function isServiceWorkerPath(pathname: string): boolean {
  return pathname === '/sw.js';
}

/** Headers for a response to `pathname`. */
export function headersFor(pathname: string): Record<string, string> {
  const csp = isServiceWorkerPath(pathname) ? SERVICE_WORKER_CSP : PAGE_CSP;
  return { ...COMMON_HEADERS, 'Content-Security-Policy': csp };
}
