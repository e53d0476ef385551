// One error hierarchy for fnsync. Only src/cli/main.ts prints these and turns them into exit codes;
// everything else throws them with enough context (file:line:col, or the resource) to act on.

/** A problem located in a user file (config, fixture, handler code). */
export interface Problem {
  /** Path as shown to the user (relative to the working directory where possible). */
  file: string;
  line?: number;
  col?: number;
  /** Dotted path to the offending field, e.g. `functions.stripe-events.settings[0].name`. */
  path?: string;
  message: string;
  /** Optional follow-up advice printed under the message. */
  hint?: string;
  /**
   * `warning`: worth fixing but not blocking (exit 0); absent means an error. Under `fnsync validate --strict` a
   * warning becomes `error` with `strict: true`, so a tool filtering on severity sees what fails the run, and a
   * person can still tell which problems only --strict made errors.
   */
  severity?: 'warning' | 'error';
  /** A warning that `--strict` turned into an error (printed as `error (warning, --strict):`). */
  strict?: true;
}

/** True for a warning, false for an error. */
export function isWarning(p: Problem): boolean {
  return p.severity === 'warning';
}

// Control characters. Text that came from a handler, a workspace or a user's file (log lines, error messages,
// remote code and names, keys) may carry them: an ESC sequence can recolour, move the cursor or rewrite what the
// user already read, a carriage return can overwrite a line. Before any of it reaches a terminal, they are shown as
// visible escapes (`\u001b`). Newlines and tabs stay: they are layout (`escapeControl`), unless the text must stay
// on one line (`escapeControlOneLine`). The rule lives here, at the core, since problems print through it too.
// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) reorder what follows them on screen.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const visible = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** One string with its control characters made visible. */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, visible);
}

/** The same, and on one line: a newline shown as `\n`, a tab as a space. */
export function escapeControlOneLine(text: string): string {
  return escapeControl(text.replace(/\n/g, '\\n').replace(/\t/g, ' '));
}

/**
 * Renders a problem as `file:LINE:COL path: message`, the one format every command uses. Each part is on one line with
 * its control characters visible: paths and messages quote keys and values from the user's files, and a newline there
 * would start a line of its own (in GitHub Actions, `::warning file=…::` at the start of a line is a workflow command).
 */
export function formatProblem(p: Problem): string {
  let where = escapeControlOneLine(p.file);
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.col !== undefined) where += `:${p.col}`;
  const text = escapeControlOneLine(p.message);
  const message = isWarning(p) ? `warning: ${text}` : p.strict ? `error (warning, --strict): ${text}` : text;
  const head = p.path ? `${where} ${escapeControlOneLine(p.path)}: ${message}` : `${where}: ${message}`;
  return p.hint ? `${head}\n  hint: ${escapeControlOneLine(p.hint)}` : head;
}

/** Base class: an error fnsync expects and can explain without a stack trace. */
export class FnsyncError extends Error {
  /** Process exit code when this error ends a command. */
  readonly exitCode: number = 1;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad user input: config, fixtures, handler code, command-line arguments. */
export class UserError extends FnsyncError {
  readonly problems: Problem[];
  constructor(message: string, problems: Problem[] = [], options?: { cause?: unknown }) {
    super(message, options);
    this.problems = problems;
  }
}

/** A Segment Public API call failed; names the operation and resource, keeps the HTTP status. */
export class ApiError extends FnsyncError {
  readonly status: number | undefined;
  readonly operation: string;
  readonly resource: string | undefined;
  /** Machine-readable error type from the API envelope (`not-found`, `input-validation`, ...). */
  readonly type: string | undefined;
  constructor(
    message: string,
    details: { status?: number; operation: string; resource?: string; type?: string },
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = details.status;
    this.operation = details.operation;
    this.resource = details.resource;
    this.type = details.type;
  }
}

/** The function sandbox failed to load or run user code in a way that is not the function's own outcome. */
export class SandboxError extends FnsyncError {}

/** A bug in fnsync itself; printed with a request to report it. */
export class InternalError extends FnsyncError {}

/**
 * Secrets must never reach output: replaces every occurrence of each known secret value. Longest first, so a
 * secret that contains another is masked whole instead of leaving its tail. Values under 4 characters are left
 * alone: masking them would garble ordinary text, and no real token is that short.
 */
export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  const list = [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length);
  for (const s of list) out = out.split(s).join('********');
  return out;
}

/** A GitHub call (pull-request comment, merged pull requests) failed; says which call, the status and what to do. */
export class GithubError extends FnsyncError {
  readonly status: number | undefined;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
  }
}
