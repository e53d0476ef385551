// Builders for the test-record tests: a function definition and a config over files in a scratch directory.
import { join } from 'node:path';
import type { Config, FunctionDefinition, SettingDefinition } from '../../../src/config/types.js';

/** A setting definition with the normaliser's defaults. */
export function setting(name: string, extra: Partial<SettingDefinition> = {}): SettingDefinition {
  return { name, label: name, type: 'string', description: '', required: false, sensitive: false, ...extra };
}

/** A destination function `name` whose handler and fixtures live under `dir/name/`. */
export function fn(dir: string, name: string, extra: Partial<FunctionDefinition> = {}): FunctionDefinition {
  return {
    name,
    type: 'destination',
    displayName: name,
    description: '',
    logoUrl: undefined,
    codePath: join(dir, name, 'handler.js'),
    code: 'async function onTrack(event) {\n  return event;\n}\n',
    timeoutMs: 5000,
    testsPattern: join(dir, name, 'tests/*.yaml'),
    settings: [setting('apiKey', { sensitive: true })],
    instances: [],
    position: { file: 'fnsync.yaml', line: 1, col: 1 },
    ...extra,
  };
}

/** A config rooted at `dir`. */
export function config(dir: string, functions: FunctionDefinition[]): Config {
  return { version: 1, file: join(dir, 'fnsync.yaml'), rootDir: dir, workspace: undefined, region: undefined, functions, envReferences: [] };
}

/** A fixture file with one case per name. */
export const fixture = (...names: string[]) => `cases:\n${names.map((n) => `  - name: ${n}\n    event: { type: track }\n`).join('')}`;
