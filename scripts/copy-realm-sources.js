// The in-realm sources (src/runtime/realm/js/*.js) are evaluated as text inside each function's own realm, not
// imported, so tsc does not emit them: the build copies them next to the compiled runtime.
import { cpSync } from 'node:fs';

cpSync(new URL('../src/runtime/realm/js/', import.meta.url), new URL('../dist/runtime/realm/js/', import.meta.url), { recursive: true });
