/// <reference lib="webworker" />
// The service worker: after the first visit it serves the whole app from its precache, so
// Airlock starts and works with no network at all. It fetches only from its own origin (its
// CSP says so), and only the files of this build, listed with their revisions at build time.
import { clientsClaim } from 'workbox-core';
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Every address inside the app is the app: a deep link or a bookmark opens offline too.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL(`${import.meta.env.BASE_URL}index.html`)),
);

// A new version waits until the labeler chooses to reload (src/platform/service-worker.ts):
// taking over on its own could swap the code under an edit in progress.
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// The first version controls the page that installed it at once, so that page already works
// offline. (An update only activates on SKIP_WAITING, above.)
clientsClaim();
