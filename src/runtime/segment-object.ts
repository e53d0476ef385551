// The `Segment` global of source functions (segment-runtime.md §5): boreal's checks and messages by default,
// the Tracking/Object API rules in strict mode, the 32 KB message limit always. Messages go to the current
// invocation only, so a throwing handler's messages are discarded with its result.
import type { SessionSlot } from './invocation-state.js';

/** The Tracking API rejects a message over 32 KB (segment-runtime.md §8). */
export const MESSAGE_LIMIT_BYTES = 32 * 1024;
/** Error text Segment reports for an oversized message. */
export const MESSAGE_TOO_LARGE = 'failed calling Tracking API: the message is too large and over the maximum 32KB limit';

type Msg = Record<string, unknown>;
type ValidationErrorClass = new (message: string) => Error;

interface SegmentDeps {
  slot: SessionSlot;
  strict: boolean;
  ValidationError: ValidationErrorClass;
  /** Current time as an ISO string (frozen when the invocation says so). */
  nowIso: () => string;
  /** The function realm's JSON.parse: what a method returns must be the function's own object. */
  parse: (text: string) => unknown;
}

const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmptyString = (v: unknown) => typeof v === 'string' && v !== '';

/** Builds the `Segment` object bound to a session. */
export function createSegment(deps: SegmentDeps): Record<string, (input: Msg) => Msg> {
  const { slot, strict, ValidationError } = deps;
  const fail = (message: string): never => {
    throw new ValidationError(message);
  };
  const required = (obj: Msg, field: string) => {
    if (obj[field] === undefined || obj[field] === '' || (field !== 'event' && obj[field] === null)) fail(`${field} is required but not defined`);
  };
  const idCheck = (obj: Msg) => {
    if (!obj.userId && !obj.anonymousId) fail('One of userId,anonymousId is required but not defined');
    if (strict) {
      for (const f of ['userId', 'anonymousId']) {
        if (obj[f] !== undefined && !nonEmptyString(obj[f])) fail(`${f} must be a non-empty string`);
      }
    }
  };
  const strictChecks = (type: string, obj: Msg) => {
    if (!strict) return;
    if (type === 'track' && !nonEmptyString(obj.event)) fail('event must be a non-empty string');
    if (obj.properties !== undefined && !isObj(obj.properties)) fail('properties must be an object');
    if (obj.traits !== undefined && !isObj(obj.traits)) fail('traits must be an object');
    if ((type === 'page' || type === 'screen') && obj.name !== undefined && !nonEmptyString(obj.name)) fail('name must be a non-empty string');
    if (obj.category !== undefined && typeof obj.category !== 'string') fail('category must be a string');
    if (obj.messageId !== undefined && (typeof obj.messageId !== 'string' || obj.messageId.length > 100)) fail('messageId must be a string of at most 100 characters');
  };

  const emit = (type: string, input: Msg): Msg => {
    const state = slot.current;
    // Unknown fields pass through (the Tracking API accepts them); ids and timestamp are filled deterministically.
    const full: Msg = { type };
    Object.assign(full, input);
    full.type = type;
    if (full.messageId === undefined) full.messageId = `fnsync-${++slot.messageCounter}`;
    if (full.timestamp === undefined) full.timestamp = deps.nowIso();
    const json = JSON.stringify(full);
    if (Buffer.byteLength(json) > MESSAGE_LIMIT_BYTES) state.oversized.push(`${type} message is ${Buffer.byteLength(json)} bytes`);
    state.messages.push(JSON.parse(json) as Msg);
    return deps.parse(json) as Msg;
  };

  const method = (type: string, checks: (obj: Msg) => void) => (input: Msg) => {
    const obj = input as Msg; // a missing argument throws TypeError on first access, as in boreal
    checks(obj);
    strictChecks(type, obj);
    return emit(type, obj);
  };

  return {
    identify: method('identify', (o) => idCheck(o)),
    track: method('track', (o) => (required(o, 'event'), idCheck(o))),
    page: method('page', (o) => idCheck(o)),
    screen: method('screen', (o) => idCheck(o)),
    group: method('group', (o) => (required(o, 'groupId'), idCheck(o))),
    alias: method('alias', (o) => (required(o, 'previousId'), idCheck(o))),
    set(input: Msg) {
      const obj = input as Msg;
      required(obj, 'collection');
      required(obj, 'id');
      if (strict) objectApiChecks(obj, slot, fail);
      const json = JSON.stringify({ collection: obj.collection, id: obj.id, properties: obj.properties });
      slot.current.objects.push(JSON.parse(json) as Msg);
      return deps.parse(json) as Msg;
    },
  };
}

function objectApiChecks(obj: Msg, slot: SessionSlot, fail: (m: string) => never): void {
  const c = obj.collection;
  if (typeof c !== 'string' || !/^[a-z_]+$/.test(c) || c.length > 100 || c.startsWith('_') || c.endsWith('_')) {
    fail('collection must be lowercase letters and underscores, at most 100 characters, not starting or ending with _');
  }
  if (typeof obj.id !== 'string' || obj.id.length > 100) fail('id must be a string of at most 100 characters');
  if (!isObj(obj.properties)) fail('properties is required and must be an object');
  for (const [key, value] of Object.entries(obj.properties as Msg)) {
    if (value !== null && typeof value === 'object') fail(`properties.${key} must be a scalar value`);
    if (Buffer.byteLength(JSON.stringify(value) ?? '') >= MESSAGE_LIMIT_BYTES) fail(`properties.${key} must be under 32 KB`);
  }
  if (slot.current.objects.length >= 10) fail('at most 10 objects per call');
}
