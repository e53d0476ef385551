// The shared vocabulary of fnsync: the words config, api, runtime and plan all use, defined once so
// the layers can never disagree (a function type, a setting definition, a region, a handler name).
// Pure data and types only: every layer may import it.

/** The four Segment function kinds, as spelled in fnsync.yaml. */
export type FunctionType = 'source' | 'destination' | 'insert-destination' | 'insert-source';

/** The same list at runtime, for checks that cannot use the type. */
export const FUNCTION_TYPES: readonly FunctionType[] = ['source', 'destination', 'insert-destination', 'insert-source'];

/** Setting types, as spelled in fnsync.yaml (the API spells them STRING, BOOLEAN, ARRAY, TEXT_MAP). */
export type SettingType = 'string' | 'boolean' | 'array' | 'text-map';

/** The same list at runtime. */
export const SETTING_TYPES: readonly SettingType[] = ['string', 'boolean', 'array', 'text-map'];

/** A function's setting definition with every field present: the config's normalised form and the API's, alike. */
export interface SettingDefinition {
  name: string;
  label: string;
  type: SettingType;
  description: string;
  required: boolean;
  sensitive: boolean;
}

/** Base URLs per Segment region (API notes §1). */
export const REGION_URLS = {
  us: 'https://api.segmentapis.com',
  eu: 'https://eu1.api.segmentapis.com',
} as const;

/** A Segment region as written in flags and fnsync.yaml. */
export type Region = keyof typeof REGION_URLS;

/** The event handlers of destination and insert functions, one per Segment event type. */
export const EVENT_HANDLERS = ['onIdentify', 'onTrack', 'onPage', 'onScreen', 'onGroup', 'onAlias', 'onDelete'] as const;

/** Every handler name Segment calls, of any function type. */
export const HANDLER_NAMES = ['onRequest', ...EVENT_HANDLERS, 'onBatch'] as const;

/** A handler name. */
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** The handlers Segment calls for each function type (insert-source functions get no batches). */
export const HANDLERS_BY_TYPE: Record<FunctionType, readonly HandlerName[]> = {
  source: ['onRequest'],
  destination: [...EVENT_HANDLERS, 'onBatch'],
  'insert-destination': [...EVENT_HANDLERS, 'onBatch'],
  'insert-source': [...EVENT_HANDLERS],
};

/**
 * The globals Segment gives every function (segment-runtime.md §7; docs/runtime.md, "Globals"), besides the
 * ECMAScript built-ins. The local runtime installs exactly these (a test compares them with a live sandbox), and
 * `fnsync validate` warns about any other free name a handler uses.
 */
export const SEGMENT_GLOBALS = [
  '_',
  'fetch',
  'Headers',
  'Request',
  'Response',
  'URL',
  'URLSearchParams',
  'atob',
  'btoa',
  'crypto',
  'https',
  'Buffer',
  'FormData',
  'xml',
  'xml2js',
  'moment',
  'jsonwebtoken',
  'uuidv5',
  'zlib',
  'OAuth',
  'cache',
  'console',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'EventNotSupported',
  'InvalidEventPayload',
  'ValidationError',
  'RetryError',
] as const;

/** The preinstalled SDKs' top-level names (`AWS`, `google` of `google.cloud.*`, ...), loaded on first use. */
export const SDK_GLOBALS = ['AWS', 'fetchretrylib', 'google', 'hubspotlib', 'jsforce', 'libphonenumberjslib', 'mailchimplib', 'nodemailjet', 'sendgrid', 'skyflowlib', 'stripe', 'twilio', 'winstonlib'] as const;

/** The SDKs documented for insert-source functions only. */
export const INSERT_SOURCE_SDK_GLOBALS = ['azure', 'jsftp', 'cryptojslib', 'akeylessLabs', 'oneSignal', 'pg', 'snowflakesdk', 'clickHouseClient', 'aws4', 'sentrylib'] as const;

/** Every global a function of this type can read, besides the ECMAScript built-ins. */
export function segmentGlobalsFor(type: FunctionType): string[] {
  const names: string[] = [...SEGMENT_GLOBALS, ...SDK_GLOBALS];
  if (type === 'source') names.push('Segment');
  if (type === 'insert-destination' || type === 'insert-source') names.push('DropEvent');
  if (type === 'insert-source') names.push(...INSERT_SOURCE_SDK_GLOBALS);
  return names;
}

/** The ECMAScript built-ins every V8 context has (plus `console`, which V8 defines too). */
export const ECMASCRIPT_GLOBALS = [
  'globalThis', 'Object', 'Function', 'Array', 'Number', 'parseFloat', 'parseInt', 'Infinity', 'NaN', 'undefined', 'Boolean', 'String',
  'Symbol', 'Date', 'Promise', 'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError',
  'URIError', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'SharedArrayBuffer', 'Atomics', 'Uint8Array', 'Int8Array', 'Uint16Array', 'Int16Array',
  'Uint32Array', 'Int32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'Uint8ClampedArray', 'BigUint64Array', 'BigInt64Array',
  'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect', 'FinalizationRegistry', 'WeakRef', 'Iterator',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape', 'eval', 'isFinite', 'isNaN', 'WebAssembly',
] as const;

/**
 * Names of Node's module system Segment does not define: code that uses them fails on Segment whatever it does,
 * so `fnsync validate` reports them as errors, each with the reason.
 */
export const MODULE_SYSTEM_NAMES: Readonly<Record<string, string>> = {
  require: 'Segment functions cannot load modules: use the preinstalled globals (_, fetch, crypto, moment, ...) instead of require()',
  process: 'Segment functions have no process object: read configuration from settings, not process.env',
  module: 'Segment functions are not CommonJS modules: declare handlers as top-level functions, e.g. async function onTrack(event, settings)',
  exports: 'Segment no longer runs the legacy exports format: declare handlers as top-level functions, e.g. async function onTrack(event, settings)',
};

/** Node globals that Segment functions do not have either (docs/runtime.md, "Not defined"), for a clearer warning. */
export const NODE_ONLY_GLOBALS = [
  '__dirname', '__filename', 'global', 'window', 'setImmediate', 'clearImmediate', 'queueMicrotask', 'TextEncoder', 'TextDecoder',
  'structuredClone', 'AbortController', 'AbortSignal', 'performance', 'Blob', 'navigator', 'self',
] as const;
