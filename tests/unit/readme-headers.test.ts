import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMON_HEADERS, PAGE_CSP, SERVICE_WORKER_CSP } from '../../src/security/headers.ts';

// The README's nginx snippet is how labs deploy Airlock air-gapped: it must send exactly the
// headers `npm start` sends.
const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
const nginx = /```nginx\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

describe('README nginx snippet', () => {
  it('sends the page CSP and every common header', () => {
    expect(nginx).toContain(`add_header Content-Security-Policy "${PAGE_CSP}" always;`);
    for (const [name, value] of Object.entries(COMMON_HEADERS)) {
      expect(nginx).toContain(`add_header ${name} "${value}" always;`);
    }
  });

  it('gives the service worker its own CSP', () => {
    expect(nginx).toContain(`add_header Content-Security-Policy "${SERVICE_WORKER_CSP}" always;`);
  });
});
