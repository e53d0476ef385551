// What `fnsync import` decides, as data: which workspace functions become which config entries, the
// files to write, the environment variables the entries refer to, and what was left out and why.
// Computed by pure functions (build-import.ts), written by write-import.ts, shown by render/import-text.ts.
import type { WrittenFunction } from '../config/types.js';
import type { FunctionType } from '../vocabulary.js';

/** A workspace function as import names it in its output. */
export interface RemoteRef {
  id: string;
  type: FunctionType;
  displayName: string;
}

/** Why a local name is not simply the one derived from the display name. */
export interface NameCollision {
  /** The name derived from the display name. */
  wanted: string;
  /** What already holds it, in words: `functions.x is already in fnsync.yaml`, `functions/x/ exists (...)`, ... */
  takenBy: string;
}

/** Why a value is written as `${env:NAME}` instead of as itself. */
export type EnvReason = 'sensitive' | 'masked' | 'template' | 'missing';

/** An environment variable an imported entry refers to, and why its value is not written. */
export interface EnvVariable {
  name: string;
  /** `functions.slack-alerts.instances["slack-web"].settings.webhookUrl` */
  address: string;
  /**
   * `sensitive`: a secret (the API returns it masked); `masked`: the API masked a value not declared
   * sensitive; `template`: the value contains `${`, which fnsync.yaml would read as a reference;
   * `missing`: a required setting the instance has no value for in the workspace.
   */
  reason: EnvReason;
}

/** A file import writes (a path relative to the config file's directory, `/`-separated). */
export interface ImportFile {
  path: string;
  text: string;
}

/** One function import writes. */
export interface ImportedFunction {
  /** The local name: the key under `functions:`. */
  name: string;
  collision?: NameCollision;
  remote: RemoteRef;
  /** The entry as written in fnsync.yaml, keys in the order they are written. */
  entry: WrittenFunction;
  code: ImportFile;
  fixture: ImportFile & { cases: number };
  instances: number;
  env: EnvVariable[];
  /** Things the user should know (a value the next plan will show as changed, a deploy the plan adds, ...). */
  notes: string[];
}

/** A workspace function import leaves out. */
export interface SkippedFunction {
  remote: RemoteRef;
  /**
   * `managed`: fnsync manages it (its marker names an entry); `orphaned`: its marker names no entry;
   * `adopted`: an entry already adopts it; `problem`: it cannot be written as valid config.
   */
  kind: 'managed' | 'orphaned' | 'adopted' | 'problem';
  reason: string;
}

/** The whole import, before anything is written. */
export interface ImportPlan {
  functions: ImportedFunction[];
  skipped: SkippedFunction[];
  /** The config file after import (relative path as shown), and whether it is new. */
  config: { path: string; created: boolean; text: string; reformatted: boolean };
}
