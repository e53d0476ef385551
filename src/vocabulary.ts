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
