// Module loader hooks of the runtime probe: notes each dist/runtime/ module as it is loaded.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  if (file && url.includes('/dist/runtime/')) appendFileSync(file, `module ${url.slice(url.indexOf('/dist/') + 1)}\n`);
  return nextLoad(url, context);
}
