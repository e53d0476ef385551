// Live progress on a terminal only: one line rewritten in place on stderr, cleared when done. Piped
// output (CI logs, files) gets none of it, so logs hold only the lines that mean something.
import type { CliContext } from './output.js';

/** A single rewritable status line. */
export interface ProgressLine {
  update(text: string): void;
  /** Prints a permanent line above the status line. */
  print(text: string): void;
  done(): void;
}

/** A progress line on a TTY; on anything else, only `print` writes (as plain lines). */
export function progressLine(ctx: CliContext, stream: NodeJS.WriteStream | undefined = process.stderr): ProgressLine {
  const live = Boolean(stream?.isTTY) && !ctx.env.CI;
  let shown = false;
  const clear = () => {
    if (shown) stream!.write('\r\x1b[2K');
    shown = false;
  };
  return {
    update(text) {
      if (!live) return;
      clear();
      const width = Math.max(20, (stream!.columns ?? 80) - 1);
      stream!.write(text.length > width ? `${text.slice(0, width - 1)}…` : text);
      shown = true;
    },
    print(text) {
      clear();
      ctx.stderr(text);
    },
    done: clear,
  };
}
