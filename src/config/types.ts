import type { Problem } from '../errors.js';
// The two shapes of fnsync.yaml: as written (mirrors schemas/fnsync.schema.json) and normalised
// (defaults filled, paths absolute, env references kept as references). Later stages consume only `Config`.

import type { FunctionType, Region, SettingDefinition, SettingType } from '../vocabulary.js';

// The shared words are defined in src/vocabulary.ts; re-exported here for the config layer's users.
export { FUNCTION_TYPES, type FunctionType, type SettingDefinition, type SettingType } from '../vocabulary.js';

/** A setting value as written: a literal, or a string containing `${env:NAME}` references. */
export type SettingValue = string | boolean | string[] | Record<string, string>;

// ---------- as written ----------

/** A setting definition as written in fnsync.yaml (optional fields may be absent). */
export interface WrittenSettingDefinition {
  name: string;
  label?: string;
  type?: SettingType;
  description?: string;
  required?: boolean;
  sensitive?: boolean;
}

/** An instance as written in fnsync.yaml. */
export interface WrittenInstance {
  name: string;
  enabled?: boolean;
  source?: string;
  destination?: string;
  settings?: Record<string, SettingValue>;
  renamedFrom?: string;
  protected?: boolean;
}

/** A function as written in fnsync.yaml. */
export interface WrittenFunction {
  type: FunctionType;
  displayName: string;
  description?: string;
  logoUrl?: string;
  code: string;
  timeoutMs?: number;
  tests?: string;
  settings?: WrittenSettingDefinition[];
  instances?: WrittenInstance[];
  adopt?: string;
  renamedFrom?: string;
  protected?: boolean;
}

/** The whole file as written, mirroring the schema; only the loader and the normaliser see it. */
export interface WrittenConfig {
  version: 1;
  workspace?: string;
  region?: Region;
  functions?: Record<string, WrittenFunction>;
}

// ---------- normalised ----------

/** Where a value came from in fnsync.yaml, for messages that point at the line. */
export interface SourcePosition {
  /** The file as shown to the user (relative to the working directory at load time). */
  file: string;
  line: number;
  col: number;
}

/** A part of a setting value: literal text or an environment variable reference. */
export type ValuePart = { kind: 'literal'; text: string } | { kind: 'env'; name: string };

/**
 * A setting value with env references kept unresolved. Strings are split into parts so that
 * `${env:X}` can be resolved only when a command needs the value (apply), never earlier.
 */
export type ConfigValue =
  | { kind: 'string'; parts: ValuePart[] }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'array'; items: { kind: 'string'; parts: ValuePart[] }[] }
  | { kind: 'text-map'; entries: Record<string, { kind: 'string'; parts: ValuePart[] }> };


/** Where an instance is connected; the tag follows the function type. */
export type InstanceTarget =
  | { kind: 'source-function' } // the instance *is* a source, named by `name` (its slug)
  | { kind: 'destination-function'; source: string }
  | { kind: 'insert-destination'; destination: string }
  | { kind: 'insert-source'; source: string };

/** An instance with defaults filled and its connection tagged by function type. */
export interface FunctionInstance {
  name: string;
  enabled: boolean;
  target: InstanceTarget;
  settings: Record<string, ConfigValue>;
  /** The previous name (`renamedFrom:`), so plan updates in place instead of recreating. */
  renamedFrom: string | undefined;
  /** `protected: true`: no plan may delete or replace it. */
  protected: boolean;
  position: SourcePosition;
}

/** A function as later stages consume it: absolute paths, code read, defaults filled. */
export interface FunctionDefinition {
  /** Local name: the key under `functions:`; stable across renames of displayName. */
  name: string;
  type: FunctionType;
  displayName: string;
  description: string;
  logoUrl: string | undefined;
  /** Absolute path of the handler file. */
  codePath: string;
  /** Handler source text, read once at load time. */
  code: string;
  /** Local runtime limit in ms (Segment's is 5000). */
  timeoutMs: number;
  /** Absolute glob for fixture test files. */
  testsPattern: string;
  settings: SettingDefinition[];
  instances: FunctionInstance[];
  /** `adopt: <id>`: take over this existing workspace function instead of creating one. */
  adopt: string | undefined;
  /** The previous local name (`renamedFrom:`), matched against the marker in the workspace. */
  renamedFrom: string | undefined;
  /** `protected: true`: no plan may delete or replace it. */
  protected: boolean;
  position: SourcePosition;
}

/** The normalised config: the one shape plan, apply, test and run consume. */
export interface Config {
  version: 1;
  /** Absolute path of the fnsync.yaml this came from. */
  file: string;
  /** Directory that relative paths in the file are resolved against. */
  rootDir: string;
  workspace: string | undefined;
  region: Region | undefined;
  functions: FunctionDefinition[];
  /** Every `${env:NAME}` referenced, with where, so commands can report all missing at once. */
  envReferences: { name: string; position: SourcePosition; sensitive: boolean; path?: string }[];
  /** Problems that do not block (severity `warning`), sorted as errors are; `fnsync validate` prints them. */
  warnings?: Problem[];
}

/** Segment's own per-invocation limit, the local default. */
export const DEFAULT_TIMEOUT_MS = 5000;
/** Default fixture glob, relative to the handler file's directory. */
export const DEFAULT_TESTS_GLOB = 'tests/*.yaml';
