// Settings as fnsync.yaml spells them: definitions with every field equal to its default left out
// (so an imported entry stays as short as a hand-written one), and instance values converted to the
// declared type. A value import cannot write as itself (a secret the API returns masked, or text
// containing `${`, which fnsync.yaml reads as a reference) becomes `${env:NAME}`; a value the config
// cannot express exactly is converted and noted, since the next plan will show it as a change.
import { isMaskedValue } from '../api/normalise.js';
import type { RemoteSettingValue } from '../api/types.js';
import type { SettingValue, WrittenSettingDefinition } from '../config/types.js';
import type { SettingDefinition } from '../vocabulary.js';
import type { EnvReason } from './types.js';

/** A setting definition as written: only the fields that differ from their defaults. */
export function writtenSettingDefinition(def: SettingDefinition): WrittenSettingDefinition {
  const out: WrittenSettingDefinition = { name: def.name };
  if (def.label !== def.name) out.label = def.label;
  if (def.type !== 'string') out.type = def.type;
  if (def.description !== '') out.description = def.description;
  if (def.required) out.required = true;
  if (def.sensitive) out.sensitive = true;
  return out;
}

/** What to write for one instance setting. */
export type ConvertedValue =
  | { kind: 'omit'; note?: string }
  | { kind: 'literal'; value: SettingValue; note?: string }
  | { kind: 'env'; reason: EnvReason };

/** Converts one remote value (undefined when the instance has none) for the declared setting. */
export function convertSettingValue(def: SettingDefinition, remote: RemoteSettingValue | undefined): ConvertedValue {
  if (remote === undefined || remote === null) return missingValue(def);
  if (containsMasked(remote)) {
    if (def.sensitive) return { kind: 'env', reason: 'sensitive' };
    if (def.type === 'string') return { kind: 'env', reason: 'masked' };
    return { kind: 'omit', note: `the API returned ${def.name} masked, so its value is unknown and not imported: the next plan will show it removed unless you write it` };
  }
  if (def.sensitive) return { kind: 'env', reason: 'sensitive' };
  switch (def.type) {
    case 'string':
      return stringValue(def, remote);
    case 'boolean':
      return booleanValue(def, remote);
    case 'array':
      return arrayValue(def, remote);
    case 'text-map':
      return textMapValue(def, remote);
  }
}

function missingValue(def: SettingDefinition): ConvertedValue {
  if (!def.required) return { kind: 'omit' };
  const note = `${def.name} is required but has no value in the workspace: the next plan will send the value written here`;
  switch (def.type) {
    case 'string':
      return { kind: 'env', reason: 'missing' };
    case 'boolean':
      return { kind: 'literal', value: false, note };
    case 'array':
      return { kind: 'literal', value: [], note };
    case 'text-map':
      return { kind: 'literal', value: {}, note };
  }
}

function containsMasked(value: RemoteSettingValue): boolean {
  if (isMaskedValue(value)) return true;
  if (Array.isArray(value)) return value.some(containsMasked);
  if (typeof value === 'object' && value !== null) return Object.values(value).some(containsMasked);
  return false;
}

function changed(def: SettingDefinition, remote: RemoteSettingValue): string {
  return `${def.name} holds ${describe(remote)} in the workspace, not a ${def.type} value: written converted, so the next plan will show it as a change`;
}

function describe(value: RemoteSettingValue): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
}

/** Text fnsync.yaml would read as an env reference (or reject as a malformed one). */
function readsAsTemplate(text: string): boolean {
  return text.includes('${');
}

function scalarText(value: RemoteSettingValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function stringValue(def: SettingDefinition, remote: RemoteSettingValue): ConvertedValue {
  const text = scalarText(remote);
  if (readsAsTemplate(text)) return { kind: 'env', reason: 'template' };
  return typeof remote === 'string' ? { kind: 'literal', value: text } : { kind: 'literal', value: text, note: changed(def, remote) };
}

function booleanValue(def: SettingDefinition, remote: RemoteSettingValue): ConvertedValue {
  if (typeof remote === 'boolean') return { kind: 'literal', value: remote };
  return { kind: 'literal', value: remote === 'true', note: changed(def, remote) };
}

function arrayValue(def: SettingDefinition, remote: RemoteSettingValue): ConvertedValue {
  const items = Array.isArray(remote) ? remote : [remote];
  const texts = items.map(scalarText);
  if (texts.some(readsAsTemplate)) {
    return { kind: 'omit', note: `an item of ${def.name} contains '\${', which fnsync.yaml reads as an environment reference: not imported, so the next plan will show it removed unless you write it` };
  }
  const exact = Array.isArray(remote) && items.every((i) => typeof i === 'string');
  return exact ? { kind: 'literal', value: texts } : { kind: 'literal', value: texts, note: changed(def, remote) };
}

function textMapValue(def: SettingDefinition, remote: RemoteSettingValue): ConvertedValue {
  if (typeof remote !== 'object' || remote === null || Array.isArray(remote)) {
    return { kind: 'omit', note: `${def.name} holds ${describe(remote)} in the workspace, not a mapping: not imported, so the next plan will show it removed unless you write it` };
  }
  const entries = Object.entries(remote).map(([k, v]) => [k, scalarText(v)] as const);
  if (entries.some(([, v]) => readsAsTemplate(v))) {
    return { kind: 'omit', note: `a value of ${def.name} contains '\${', which fnsync.yaml reads as an environment reference: not imported, so the next plan will show it removed unless you write it` };
  }
  const exact = Object.values(remote).every((v) => typeof v === 'string');
  const value = Object.fromEntries(entries);
  return exact ? { kind: 'literal', value } : { kind: 'literal', value, note: changed(def, remote) };
}
