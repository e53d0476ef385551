// Writes a file a command was asked to produce (`fnsync test --json-file / --junit FILE`, `fnsync plan --out FILE`,
// `fnsync types --out FILE`) atomically, turning a filesystem failure into a UserError that names the file, instead
// of a crash naming a temp file. Missing parent folders are created (`--junit reports/junit.xml` in a fresh CI
// checkout), the same for every such option.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { UserError } from '../errors.js';

const REASONS: Record<string, string> = {
  ENOENT: 'its directory does not exist',
  ENOTDIR: 'a part of its path is not a directory',
  EEXIST: 'a part of its path is not a directory', // mkdir of a parent that is a file
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
};

/** How to write: `label` names the file in messages (`the plan file`), `mode` its permissions. */
export interface ReportFileOptions {
  label?: string;
  mode?: number;
}

/** Writes `text` to `file` (relative to `cwd`); resolves to the absolute path written. */
export async function writeReportFile(cwd: string, file: string, text: string, options: ReportFileOptions = {}): Promise<string> {
  const { default: writeFileAtomic } = await import('write-file-atomic');
  const target = resolve(cwd, file);
  try {
    await mkdir(dirname(target), { recursive: true });
    await writeFileAtomic(target, text, options.mode === undefined ? {} : { mode: options.mode });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    const named = options.label ? `${options.label} ${file}` : file;
    throw new UserError(`cannot write ${named}: ${REASONS[code] ?? (code || (err as Error).message)}`);
  }
  return target;
}
