// One colour rule for every command's text output: colour only on a terminal (the stream the text goes
// to is a TTY), never with NO_COLOR set or TERM=dumb; FORCE_COLOR (not 0) forces it on. Unlike
// picocolors' own detection this never colours because CI is set: CI logs are piped.
import type { CliContext } from './output.js';

/** True when text written to `stream` (stdout by default) should be coloured. */
export function useColor(ctx: Pick<CliContext, 'env'>, stream: { isTTY?: boolean } = process.stdout): boolean {
  const env = ctx.env;
  if (env.NO_COLOR !== undefined || env.TERM === 'dumb') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return Boolean(stream.isTTY);
}
