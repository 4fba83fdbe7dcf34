import type { AirlockDB } from './db.ts';

// After an update, a tab opened on the new Airlock upgrades the workspace's database, and
// waits until every other tab lets go of it. This tab then lets go and stays closed: its
// code knows only the older layout and must not read or write the upgraded one.

export interface OtherTabs {
  /** Another tab opened the workspace with a newer Airlock: this tab no longer saves. */
  newerVersion(): void;
  /** This tab's upgrade waits for another tab that holds the workspace at an older version. */
  blocked(): void;
}

export function watchOtherTabs(db: AirlockDB, on: OtherTabs): void {
  db.on('versionchange', (event) => {
    if (!event.newVersion) return; // the workspace being deleted: Dexie's own handling
    // Closed without reopening on the next read (Dexie's default reopens it); false keeps
    // that default from running after this.
    db.close({ disableAutoOpen: true });
    on.newerVersion();
    return false;
  });
  db.on('blocked', () => on.blocked());
}
