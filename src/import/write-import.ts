// Writes an import to disk: the new code and fixture files first, each created exclusively (`wx`: a
// file that exists, even one created a moment ago by something else, is never overwritten), then the
// config, last, so it never names files that are not there. If any write fails, the files and folders
// this run created are removed again and the config is left as it was: all or nothing.
import { mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../errors.js';
import type { ImportPlan } from './types.js';

/** Where to write and what the config held when the import was computed. */
export interface WriteImportOptions {
  /** The config file's directory, which the plan's paths are relative to. */
  rootDir: string;
  /** Absolute path of the config file. */
  configFile: string;
  /** The config text the import was computed from (undefined: import creates the file). */
  originalText: string | undefined;
}

/** Writes every file of the plan; returns the paths written (relative, as in the plan), config last. */
export async function writeImport(plan: ImportPlan, options: WriteImportOptions): Promise<string[]> {
  const createdFiles: string[] = [];
  const createdDirs: string[] = [];
  const written: string[] = [];
  try {
    for (const file of plan.functions.flatMap((f) => [f.code, f.fixture])) {
      const abs = resolve(options.rootDir, file.path);
      const dir = await mkdir(dirname(abs), { recursive: true });
      if (dir !== undefined) createdDirs.push(dir);
      await createExclusive(abs, file.text, file.path);
      createdFiles.push(abs);
      written.push(file.path);
    }
    await writeConfig(plan, options);
    written.push(plan.config.path);
    return written;
  } catch (err) {
    for (const file of createdFiles.reverse()) await unlink(file).catch(() => undefined);
    for (const dir of createdDirs.reverse()) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

async function createExclusive(abs: string, text: string, shown: string): Promise<void> {
  try {
    await writeFile(abs, text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new UserError(`${shown} appeared while fnsync import was running, and import never overwrites a file; nothing was written. Run fnsync import again`);
    }
    throw new UserError(`cannot write ${shown} (${(err as NodeJS.ErrnoException).code ?? 'unknown error'}); nothing was written`, [], { cause: err });
  }
}

async function writeConfig(plan: ImportPlan, options: WriteImportOptions): Promise<void> {
  if (options.originalText === undefined) return createExclusive(options.configFile, plan.config.text, plan.config.path);
  const now = await readFile(options.configFile, 'utf8');
  if (now !== options.originalText) {
    throw new UserError(`${plan.config.path} changed while fnsync import was reading the workspace; nothing was written. Run fnsync import again`);
  }
  await writeFileAtomic(options.configFile, plan.config.text);
}
