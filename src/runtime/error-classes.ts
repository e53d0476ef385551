// Segment's function error classes, written as source text so they are evaluated INSIDE the sandbox realm:
// then `new RetryError('x') instanceof Error` holds in user code (boreal injected host-realm classes, where it did not).
import type { FunctionType } from '../config/types.js';
import type { Outcome } from './types.js';

const BASE_CLASSES = ['EventNotSupported', 'InvalidEventPayload', 'ValidationError', 'RetryError'] as const;

/** The class names visible to a function of the given kind (DropEvent exists for insert functions only). */
export function errorClassNames(type: FunctionType): string[] {
  return type === 'insert-destination' || type === 'insert-source' ? [...BASE_CLASSES, 'DropEvent'] : [...BASE_CLASSES];
}

/** Source text that defines the classes in the current realm and returns them keyed by name. */
export function errorClassesSource(type: FunctionType): string {
  const defs = errorClassNames(type)
    .map(
      (name) => `${name}: class ${name} extends Error {
        constructor(message, options) {
          super(message, options && typeof options === 'object' && 'cause' in options ? options : undefined);
          this.name = new.target.name;
        }
      }`,
    )
    .join(',\n');
  return `(() => ({ ${defs} }))()`;
}

/** The sandbox error classes, as the worker keeps them for classification. */
export type ErrorClasses = Record<string, new (message?: string) => Error>;

/** Maps a thrown value to Segment's category (segment-runtime.md §6.2). `DropEvent` is handled by the caller. */
export function categorise(err: unknown, classes: ErrorClasses): Outcome {
  const is = (name: string) => classes[name] !== undefined && err instanceof classes[name]!;
  if (is('RetryError')) return 'Retry';
  if (is('EventNotSupported')) return 'Unsupported Event Type';
  if (is('InvalidEventPayload') || is('ValidationError')) return 'Message Rejected';
  return 'Bad Request';
}
