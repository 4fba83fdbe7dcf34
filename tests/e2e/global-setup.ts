import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, distDir } from './harness.ts';

/** Fails fast, with a message saying what to do, when the build or the browser is missing. */
export default function setup(): void {
  const dist = distDir();
  if (!existsSync(join(dist, 'index.html'))) {
    throw new Error(
      `e2e tests run against the production build, but ${join(dist, 'index.html')} does not exist.\n` +
        'Build first: `npm run build` (then `npm run test:e2e`), or run `npm test`, which builds before the e2e tests.',
    );
  }
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    throw new Error(
      `Chromium not found at ${chromium}.\n` +
        "Install Debian's Chromium (`apt-get install -y --no-install-recommends chromium`, see .ci/run) " +
        'or set CHROMIUM_PATH to a Chromium executable.',
    );
  }
}
