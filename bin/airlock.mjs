#!/usr/bin/env node
// `npx airlock verify …`: Node 20 cannot run TypeScript, so tsx's loader compiles the CLI
// (src/bundle/cli.ts, the same verifier the app uses) as it is imported.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/bundle/cli.ts');
process.exitCode = await main(process.argv.slice(2));
