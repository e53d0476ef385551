// The fixture file import writes beside each imported handler: one skipped case per handler the code
// declares (found by parsing, never running, the code), each with an input of the right kind and a
// skip reason saying what to write. Skipped cases keep `fnsync test` green until they are written,
// while the file already has the shape the fixture schema and loader accept.
import { parse } from 'acorn';
import { Document, isCollection, isScalar, visit } from 'yaml';
import { declaredNames } from '../config/handler-check.js';
import { HANDLERS_BY_TYPE, type FunctionType, type HandlerName } from '../vocabulary.js';

const INPUT_KEYS = ['event', 'events', 'request'];

/** What the skeleton is written for. */
export interface SkeletonInput {
  type: FunctionType;
  code: string;
  displayName: string;
  id: string;
  settingNames: string[];
  /** `$schema` path for editors, relative to the fixture file. */
  schemaRef: string;
}

/** The fixture text and the number of cases in it. */
export interface Skeleton {
  text: string;
  cases: number;
  /** Handlers found in the code (empty when it does not parse or declares none). */
  handlers: HandlerName[];
}

/** Handlers the code declares at the top level, in the order Segment lists them. */
export function handlersInCode(code: string, type: FunctionType): HandlerName[] {
  try {
    const declared = declaredNames(parse(code, { ecmaVersion: 'latest', sourceType: 'script' }));
    return HANDLERS_BY_TYPE[type].filter((h) => declared.has(h));
  } catch {
    return [];
  }
}

/** Builds the fixture skeleton for one function. */
export function fixtureSkeleton(input: SkeletonInput): Skeleton {
  const handlers = handlersInCode(input.code, input.type);
  const fallback: HandlerName = input.type === 'source' ? 'onRequest' : 'onTrack';
  const cases = (handlers.length > 0 ? handlers : [fallback]).map((h) => skeletonCase(input.type, h));
  const doc = new Document({ cases });
  // The placeholder inputs are one-liners (`event: { type: track }`), the rest block style.
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && INPUT_KEYS.includes(String(pair.key.value)) && isCollection(pair.value)) pair.value.flow = true;
    },
  });
  const header = [
    `# yaml-language-server: $schema=${input.schemaRef}`,
    `# Fixture tests for ${oneLine(input.displayName)} (${input.id}), a skeleton written by fnsync import:`,
    '# one skipped case per handler found in the code. For each case, write the input and what it must',
    '# produce (expect:), mock every outbound request (http:), then delete its skip line.',
    '# fnsync test reports skipped cases as skipped, not failed. Format: docs/fixtures.md in the fnsync package.',
    ...(input.settingNames.length > 0 ? [`# Settings the handler reads (give test values under settings:, never real secrets): ${input.settingNames.join(', ')}`] : []),
  ];
  return { text: `${header.join('\n')}\n${doc.toString({ lineWidth: 0 })}`, cases: cases.length, handlers };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A skipped case for one handler: a placeholder input of the right kind, and what to write. */
function skeletonCase(type: FunctionType, handler: HandlerName): Record<string, unknown> {
  if (handler === 'onRequest') {
    return {
      name: 'onRequest handles a webhook request (to write)',
      skip: 'to write: the request the source receives (headers, body) and expect: messages (the Segment calls it makes) or error',
      request: { body: {} },
    };
  }
  const insert = type === 'insert-destination' || type === 'insert-source';
  if (handler === 'onBatch') {
    return {
      name: 'onBatch handles a batch of events (to write)',
      skip: insert
        ? 'to write: the events of a batch and expect: returned (the events it forwards)'
        : 'to write: the events of a batch, http: mocks for the requests it sends, and expect: requests and outcome',
      events: [{ type: 'track' }],
    };
  }
  const eventType = handler.slice(2).toLowerCase();
  const an = /^[aeiou]/.test(eventType) ? 'an' : 'a';
  return {
    name: `${handler} handles ${an} ${eventType} event (to write)`,
    skip: insert
      ? `to write: ${an} ${eventType} event and expect: returned (the event it forwards) or dropped: true`
      : `to write: ${an} ${eventType} event, http: mocks for the requests it sends, and expect: requests and outcome`,
    event: { type: eventType },
  };
}
