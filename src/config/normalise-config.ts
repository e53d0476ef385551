// Turns a checked, as-written config into the normalised `Config` later stages consume:
// defaults filled, paths absolute, code read, env references kept as references (never resolved here).
import { dirname, join, resolve } from 'node:path';
import { parseTemplate, referencedNames, valueStrings } from './env-references.js';
import type { CodeFile } from './rules/rule-context.js';
import {
  DEFAULT_TESTS_GLOB,
  DEFAULT_TIMEOUT_MS,
  type Config,
  type ConfigValue,
  type FunctionDefinition,
  type FunctionInstance,
  type FunctionType,
  type InstanceTarget,
  type SettingDefinition,
  type SettingType,
  type WrittenConfig,
  type WrittenFunction,
  type WrittenInstance,
  type ValuePart,
} from './types.js';
import { formatPath, type PathSegment, type YamlSource } from './yaml-source.js';

/** What normalisation needs besides the written data. */
export interface NormaliseOptions {
  /** Absolute path of the config file. */
  file: string;
  source: YamlSource;
  codeFiles: Map<string, CodeFile>;
}

/** Builds the normalised config. Call only after the schema check and rules passed. */
export function normaliseConfig(written: WrittenConfig, options: NormaliseOptions): Config {
  const rootDir = dirname(options.file);
  const envReferences: Config['envReferences'] = [];
  const position = (path: PathSegment[], key = false) => ({
    file: options.source.displayFile,
    ...(key ? options.source.keyPos(path) : options.source.valuePos(path)),
  });

  const functions = Object.entries(written.functions ?? {}).map(([name, fn]): FunctionDefinition => {
    const code = options.codeFiles.get(name);
    const codePath = resolve(rootDir, fn.code);
    const settings = (fn.settings ?? []).map(normaliseSetting);
    const types = new Map(settings.map((s) => [s.name, s]));
    const instances = (fn.instances ?? []).map((inst, i): FunctionInstance => {
      const path: PathSegment[] = ['functions', name, 'instances', i];
      const values: Record<string, ConfigValue> = {};
      for (const [key, value] of Object.entries(inst.settings ?? {})) {
        const setting = types.get(key);
        const valuePath = [...path, 'settings', key];
        values[key] = toConfigValue(value, setting?.type ?? 'string');
        for (const ref of envReferencesIn(values[key]!, valuePath)) {
          envReferences.push({ name: ref.name, position: position(ref.path), sensitive: setting?.sensitive ?? false, path: formatPath(ref.path) });
        }
      }
      return {
        name: inst.name,
        enabled: inst.enabled ?? true,
        target: targetFor(fn.type, inst),
        settings: values,
        renamedFrom: inst.renamedFrom,
        protected: inst.protected ?? false,
        position: position(path),
      };
    });
    return {
      name,
      type: fn.type,
      displayName: fn.displayName,
      description: fn.description ?? '',
      logoUrl: fn.logoUrl,
      codePath,
      code: code?.ok ? code.text : '',
      timeoutMs: fn.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      testsPattern: testsPattern(fn, rootDir, codePath),
      settings,
      instances,
      adopt: fn.adopt,
      renamedFrom: fn.renamedFrom,
      protected: fn.protected ?? false,
      position: position(['functions', name], true),
    };
  });

  return {
    version: 1,
    file: options.file,
    rootDir,
    workspace: written.workspace,
    region: written.region,
    functions,
    envReferences,
  };
}

function normaliseSetting(s: NonNullable<WrittenFunction['settings']>[number]): SettingDefinition {
  return {
    name: s.name,
    label: s.label ?? s.name,
    type: s.type ?? 'string',
    description: s.description ?? '',
    required: s.required ?? false,
    sensitive: s.sensitive ?? false,
  };
}

function testsPattern(fn: WrittenFunction, rootDir: string, codePath: string): string {
  return fn.tests ? resolve(rootDir, fn.tests) : join(dirname(codePath), DEFAULT_TESTS_GLOB);
}

/** The tagged connection of an instance; the rules guarantee the needed key is present. */
function targetFor(type: FunctionType, inst: WrittenInstance): InstanceTarget {
  switch (type) {
    case 'source':
      return { kind: 'source-function' };
    case 'destination':
      return { kind: 'destination-function', source: inst.source ?? '' };
    case 'insert-destination':
      return { kind: 'insert-destination', destination: inst.destination ?? '' };
    case 'insert-source':
      return { kind: 'insert-source', source: inst.source ?? '' };
  }
}

function stringValue(text: string): { kind: 'string'; parts: ValuePart[] } {
  return { kind: 'string', parts: parseTemplate(text) };
}

/** Wraps a type-checked value; strings are split into literal and env parts. */
export function toConfigValue(value: unknown, type: SettingType): ConfigValue {
  switch (type) {
    case 'boolean':
      return { kind: 'boolean', value: value === true };
    case 'array':
      return { kind: 'array', items: (value as string[]).map(stringValue) };
    case 'text-map':
      return { kind: 'text-map', entries: Object.fromEntries(Object.entries(value as Record<string, string>).map(([k, v]) => [k, stringValue(v)])) };
    case 'string':
      return stringValue(value as string);
  }
}

/** The env variable names a normalised value refers to, each with the path of the exact string it is in. */
export function envReferencesIn(value: ConfigValue, path: PathSegment[]): { name: string; path: PathSegment[] }[] {
  return valueStrings(value).flatMap((s) => referencedNames(s.parts).map((name) => ({ name, path: [...path, ...s.at] })));
}
