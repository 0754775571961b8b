// Injected by esbuild ahead of every page module: zod's JIT compiles parsers with `new Function`, which
// the webview CSP (no 'unsafe-eval') forbids — even its feature probe shows up as a CSP violation.
// Schemas read this flag when they are built, so it must be set before any protocol module runs.
import * as z from 'zod';

z.config({ jitless: true });
