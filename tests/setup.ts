import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';

// jsdom (28) has <dialog> but not its methods. A minimal stand-in for component tests:
// showModal/show set `open` (jsdom's stylesheet hides dialog:not([open])); close clears it
// and fires `close`, as browsers do. No focus trapping, inertness or Escape handling.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    show(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      if (!this.open) return;
      this.open = false;
      this.dispatchEvent(new Event('close'));
    },
  });
}

// jsdom has no layout, so nothing ever resizes: an observer that never fires.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}
