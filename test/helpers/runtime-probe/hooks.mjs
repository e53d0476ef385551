// Module loader hooks of the runtime probe: notes each dist/runtime/ module as it is loaded.
import { appendFileSync } from 'node:fs';

let file;

// File helpers that live in dist/runtime/ but evaluate no function code: the fixture-file finder and
// fixture types (the test record digests fixture files), and the atomic report writer. The architecture
// test pins src/test-record to exactly these; anything else from dist/runtime/ is recorded.
const FILE_HELPERS = ['dist/runtime/fixtures/find-fixture-files.js', 'dist/runtime/fixtures/fixture-types.js', 'dist/runtime/write-report-file.js'];

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  const shown = url.slice(url.indexOf('/dist/') + 1);
  if (file && url.includes('/dist/runtime/') && !FILE_HELPERS.includes(shown)) appendFileSync(file, `module ${shown}\n`);
  return nextLoad(url, context);
}
