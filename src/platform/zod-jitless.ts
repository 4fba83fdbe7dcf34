import { z } from 'zod';

// zod 4 probes `new Function('')` when the first object schema is made, to compile fast
// parsers; under our CSP (no 'unsafe-eval') that probe is a reported violation. Jitless mode
// skips it. This must run before any module that defines a schema: main.ts imports it first.
z.config({ jitless: true });
