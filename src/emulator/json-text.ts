// JSON parsing for the emulator's own files (seed, state) with errors that point at a line and column
// and never quote the file: V8's messages can include the text around the error, and these files hold
// sensitive setting values in full.
import { UserError } from '../errors.js';

/** Line and column of a character offset. */
function lineColAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before.at(-1)!.length + 1 };
}

/** Parses `text`; on a syntax error throws a UserError headed `heading`, located in `file`. */
export function parseJsonText(text: string, file: string, heading: string, hint?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const offset = /at position (\d+)/.exec(message);
    const at = offset ? lineColAt(text, Number(offset[1])) : { line: 1, col: 1 };
    // Keep only V8's reason: `Unexpected token 's', "supersecret…" is not valid JSON` quotes the input.
    const reason = message.split(/ in JSON| at position|, "| is not valid JSON/)[0]!.trim() || 'not valid JSON';
    throw new UserError(heading, [{ file, ...at, message: `JSON syntax error: ${reason}`, ...(hint ? { hint } : {}) }]);
  }
}
