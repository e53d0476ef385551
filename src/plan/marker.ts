// fnsync's marker: one comment line that apply appends to the code it deploys. It is how fnsync tells,
// from the workspace alone and with no state file, which functions it manages (the local name), which
// of them are protected, and where their source lives (config, repository, commit).
//
// It goes on the LAST line, not the first: Segment's error logs and stack traces give line numbers of
// the deployed code, and a marker on top would shift every one of them by one against the file in git.
// At the end, line N in a Segment log is line N of handler.js.
import { normaliseCode } from '../api/normalise.js';
import type { Provenance } from './types.js';

/** What the marker records. Provenance fields are informational: a difference in them is no change. */
export interface MarkerData {
  /** The local name (key under `functions:`) that owns this function. */
  name: string;
  protected: boolean;
  /** Names of the function's instances that are protected. */
  protectedInstances: string[];
  config?: string;
  repository?: string;
  commit?: string;
}

const PREFIX = '// fnsync-managed: ';
const NOTICE = ' (managed by fnsync from git: edits made in the Segment app will be overwritten by the next fnsync apply)';
const LINE = /^\/\/ fnsync-managed: (\{.*?\})(?: \(.*\))?$/;

/** The marker line for a function (no newline). */
export function formatMarker(data: MarkerData): string {
  const body: Record<string, unknown> = { name: data.name };
  if (data.protected) body.protected = true;
  if (data.protectedInstances.length > 0) body.protectedInstances = [...data.protectedInstances].sort();
  if (data.config) body.config = data.config;
  if (data.repository) body.repository = data.repository;
  if (data.commit) body.commit = data.commit;
  return `${PREFIX}${JSON.stringify(body)}${NOTICE}`;
}

/** Code as deployed: the handler, a newline if it lacks one, then the marker line. */
export function withMarker(code: string, data: MarkerData): string {
  const body = code.endsWith('\n') ? code : `${code}\n`;
  return `${body}${formatMarker(data)}\n`;
}

/** The code's marker, or undefined for code fnsync did not deploy (or a marker edited beyond reading). */
export function parseMarker(code: string): MarkerData | undefined {
  const line = markerLine(code);
  const match = line && LINE.exec(line.text);
  if (!match) return undefined;
  try {
    const raw = JSON.parse(match[1]!) as Record<string, unknown>;
    if (typeof raw.name !== 'string' || raw.name === '') return undefined;
    const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
    return {
      name: raw.name,
      protected: raw.protected === true,
      protectedInstances: Array.isArray(raw.protectedInstances) ? raw.protectedInstances.filter((x): x is string => typeof x === 'string') : [],
      config: str(raw.config),
      repository: str(raw.repository),
      commit: str(raw.commit),
    };
  } catch {
    return undefined;
  }
}

/**
 * The code without its marker line, as the user wrote it (for comparing and for import). Code added after the
 * marker in the Segment app is kept: it is a change (drift) the next apply overwrites, not a reason to lose track
 * of the function.
 */
export function stripMarker(code: string): string {
  const line = markerLine(code);
  if (!line) return code;
  return code.slice(0, line.start) + code.slice(line.end);
}

/**
 * True when two handler texts are the same code: markers stripped, line endings and trailing
 * whitespace at the end of the file ignored (withMarker adds a newline the file may not have).
 */
export function sameCode(local: string, remote: string): boolean {
  return comparableCode(local) === comparableCode(remote);
}

/** Code as compared and shown in diffs. */
export function comparableCode(code: string): string {
  return normaliseCode(stripMarker(normaliseCode(code))).replace(/\s+$/, '');
}

/** The marker for a config function, with the provenance of this run. */
export function markerFor(name: string, isProtected: boolean, protectedInstances: string[], provenance: Provenance): MarkerData {
  return { name, protected: isProtected, protectedInstances, config: provenance.config, repository: provenance.repository, commit: provenance.commit };
}

/** True when the parts of a marker that mean something (owner, protection) differ. */
export function markerMeaningDiffers(a: MarkerData | undefined, b: MarkerData): boolean {
  if (!a) return true;
  const set = (x: string[]) => [...x].sort().join('\n');
  return a.name !== b.name || a.protected !== b.protected || set(a.protectedInstances) !== set(b.protectedInstances);
}

/** The last marker line of the code (apply writes it last; an edit in the Segment app may add code after it). */
function markerLine(code: string): { text: string; start: number; end: number } | undefined {
  let found: { text: string; start: number; end: number } | undefined;
  let start = 0;
  while (start <= code.length) {
    const newline = code.indexOf('\n', start);
    const end = newline < 0 ? code.length : newline + 1;
    const text = code.slice(start, newline < 0 ? code.length : newline).replace(/\r$/, '');
    if (text.startsWith(PREFIX) && LINE.test(text)) found = { text, start, end };
    if (newline < 0) break;
    start = end;
  }
  return found;
}
