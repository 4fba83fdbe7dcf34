import { Workbox } from 'workbox-window';

// Registers the service worker (src/sw.ts) from app code: an inline registration script
// would break the page CSP. Only in the production build; the dev server has no sw.js.

export interface ServiceWorkerEvents {
  /** Every file of the app is cached: it starts and works with the network off. */
  onOfflineReady(): void;
  /** A new version is installed and waits until the labeler reloads. */
  onUpdateReady(): void;
}

/** Hands over to the new version. */
export interface AppUpdater {
  /** Lets the waiting version take over, then reloads this page. */
  activate(): void;
}

/** How often an open page looks for a new version (browsers also look on every visit). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export function registerServiceWorker(events: ServiceWorkerEvents): AppUpdater | undefined {
  if (import.meta.env.DEV || !('serviceWorker' in navigator)) return undefined;
  const workbox = new Workbox(`${import.meta.env.BASE_URL}sw.js`, {
    scope: import.meta.env.BASE_URL,
  });
  let waiting = false;
  let reloadWanted = false;

  workbox.addEventListener('waiting', () => {
    waiting = true;
    events.onUpdateReady();
  });
  workbox.addEventListener('activated', (event) => {
    if (!event.isUpdate) events.onOfflineReady();
  });
  workbox.addEventListener('controlling', (event) => {
    waiting = false;
    if (reloadWanted) window.location.reload();
    // Another tab let the new version in: this page still runs the old code until it reloads.
    else if (event.isUpdate) events.onUpdateReady();
  });

  // If registration fails the app still works online; it just never says it works offline.
  void workbox
    .register()
    .then((registration) => {
      if (registration?.active) events.onOfflineReady();
    })
    .catch(() => undefined);
  setInterval(() => void workbox.update().catch(() => undefined), UPDATE_CHECK_MS);

  return {
    activate() {
      reloadWanted = true;
      if (waiting) workbox.messageSkipWaiting();
      else window.location.reload();
    },
  };
}
