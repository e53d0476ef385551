// The per-invocation record that sandbox globals (console, fetch, Segment) write into. One session holds a
// mutable slot pointing at the current invocation, so globals installed once per instance stay cheap.
import type { HttpMock, LogLine, RecordedRequest } from './types.js';

/** What one invocation has produced so far. */
export interface InvocationState {
  logs: LogLine[];
  logBytes: number;
  logLimitWarned: boolean;
  requests: RecordedRequest[];
  warnings: string[];
  messages: Record<string, unknown>[];
  objects: Record<string, unknown>[];
  /** Messages over the Tracking API's 32 KB limit, reported after the handler returns. */
  oversized: string[];
  mocks: HttpMock[];
  /** Requests each mock has answered so far, for `repeat`. */
  mockUses: number[];
  allowNetwork: boolean;
  /** Frozen instant (ms) or undefined for the real clock. */
  nowMs: number | undefined;
}

/** The slot the installed globals read; `current` is swapped at every invocation. */
export interface SessionSlot {
  current: InvocationState;
  /** Per-session counter behind deterministic message ids. */
  messageCounter: number;
}

/** A fresh record for an invocation. */
export function newInvocationState(mocks: HttpMock[] = [], allowNetwork = false, nowMs?: number): InvocationState {
  return {
    logs: [],
    logBytes: 0,
    logLimitWarned: false,
    requests: [],
    warnings: [],
    messages: [],
    objects: [],
    oversized: [],
    mocks,
    mockUses: mocks.map(() => 0),
    allowNetwork,
    nowMs,
  };
}
