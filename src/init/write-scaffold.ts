// Writes the scaffold without ever overwriting a file: a file that exists is skipped (and said so);
// an `append` file (.gitignore, README.md) gets its part added once, at the end.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ScaffoldFile } from './scaffold.js';

/** What happened to each file. */
export interface WrittenFile {
  path: string;
  action: 'created' | 'appended' | 'skipped';
  /** For skipped files: why. */
  why?: string;
}

/** Writes `files` under `root`. */
export async function writeScaffold(root: string, files: readonly ScaffoldFile[]): Promise<WrittenFile[]> {
  const out: WrittenFile[] = [];
  for (const file of files) {
    const full = join(root, file.path);
    if (!existsSync(full)) {
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, file.kind === 'append' ? file.content.replace(/^\n/, '') : file.content, { flag: 'wx' });
      out.push({ path: file.path, action: 'created' });
      continue;
    }
    if (file.kind === 'create') {
      out.push({ path: file.path, action: 'skipped', why: 'it exists' });
      continue;
    }
    const text = await readFile(full, 'utf8');
    if (file.marker && text.includes(file.marker)) {
      out.push({ path: file.path, action: 'skipped', why: `it already has ${file.marker}` });
      continue;
    }
    await appendFile(full, `${text.endsWith('\n') || text === '' ? '' : '\n'}${file.content}`);
    out.push({ path: file.path, action: 'appended' });
  }
  return out;
}
