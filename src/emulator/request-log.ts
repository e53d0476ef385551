// The request log: one entry per API request, without bodies (they may hold secrets), for tests that
// assert how a client behaved (retries, pacing, no duplicate creates).

/** One handled (or dropped) request. */
export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The HTTP status sent; 0 when no response was sent (hang, reset, reset-after). */
  status: number;
  durationMs: number;
  /** ISO time the request arrived. */
  time: string;
  /** The injected fault or throttle that shaped this response, if any. */
  fault?: string;
}

/** Keeps a long-running standalone emulator's memory bounded. */
export const MAX_LOG_ENTRIES = 10_000;

/** Appends an entry, dropping the oldest beyond MAX_LOG_ENTRIES. */
export function appendLog(log: RequestLogEntry[], entry: RequestLogEntry): void {
  log.push(entry);
  if (log.length > MAX_LOG_ENTRIES) log.splice(0, log.length - MAX_LOG_ENTRIES);
}
