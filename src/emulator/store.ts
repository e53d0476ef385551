// The emulator's state and its persistence: loaded from the state file when it exists, else built from the
// seed; every change is written atomically (temp file + rename via write-file-atomic) so a crash mid-write
// leaves either the old or the new file, never a torn one.
import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../errors.js';
import { parseJsonText } from './json-text.js';
import { applySeed } from './seed.js';
import { checkState } from './state-check.js';
import { loadSeed } from './seed-file.js';
import type { EmulatorSeed, EmulatorState, WorkspaceInfo, WorkspaceLimits } from './types.js';

/** Holds the state and serialises writes of it. */
export class Store {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    public state: EmulatorState,
    private readonly file: string | undefined,
  ) {}

  /** Persists the current state; resolves once it is on disk. Concurrent calls are queued in order. */
  save(): Promise<void> {
    const file = this.file;
    if (!file) return Promise.resolve();
    const text = JSON.stringify(this.state, null, 2) + '\n';
    // 0600: the state holds sensitive setting values in full.
    this.writing = this.writing.catch(() => undefined).then(() => writeFileAtomic(file, text, { mode: 0o600 }));
    return this.writing;
  }

  /** Waits for pending writes (used by close()). */
  flush(): Promise<void> {
    return this.writing.catch(() => undefined);
  }
}

/** Whether a parsed file claims to be an emulator state; `checkState` then checks its records. */
function isState(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 1;
}

/** Loads the state file if present, else seeds a fresh state (and writes it). Explicit workspace fields win. */
export async function openStore(options: {
  stateFile?: string;
  seed?: EmulatorSeed | string;
  workspace?: Partial<WorkspaceInfo>;
  /** Start-option limits: they override (and replace in the file) the stored ones. */
  limits?: WorkspaceLimits;
}): Promise<Store> {
  const file = options.stateFile;
  let state: EmulatorState;
  if (file && existsSync(file)) {
    const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
      throw new UserError(`cannot read emulator state file ${file}: ${err.code ?? err.message}`);
    });
    const parsed = parseJsonText(
      text,
      file,
      `emulator state file ${file} is not valid JSON`,
      'delete it to start from the seed again',
    );
    if (!isState(parsed)) {
      throw new UserError(`emulator state file ${file} is not an fnsync emulator state (version 1)`, [
        { file, message: 'delete it to start from the seed again' },
      ]);
    }
    state = checkState(parsed, file, text);
  } else {
    const { seed, where, locate } = await loadSeed(options.seed);
    state = applySeed(seed, where, locate, options.limits);
  }
  if (options.limits?.maxFunctions !== undefined) state.limits = { ...state.limits, maxFunctions: options.limits.maxFunctions };
  for (const [key, value] of Object.entries(options.workspace ?? {})) {
    if (typeof value === 'string' && value) state.workspace[key as keyof WorkspaceInfo] = value;
  }
  const store = new Store(state, file);
  if (file) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      await store.save();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const reason = e.code === 'EEXIST' || e.code === 'ENOTDIR' ? 'a parent path is a file, not a directory' : (e.code ?? e.message);
      throw new UserError(`cannot write emulator state file ${file}: ${reason}`);
    }
  }
  return store;
}
