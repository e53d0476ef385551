// Apply's progress: a plain line per finished step everywhere (CI logs keep them), plus on a terminal
// one live line naming the steps in flight.
import type { ApplyEvent } from '../apply/execute-plan.js';
import type { CliContext } from './output.js';
import { progressLine } from './progress.js';
import { escapeControl } from '../render/terminal-safe.js';

/** Event handler for executePlan and a `done()` that clears the live line. */
export function applyProgress(ctx: CliContext): { onEvent: (e: ApplyEvent) => void; done: () => void } {
  const line = progressLine(ctx);
  const inFlight = new Map<string, string>();
  const refresh = () => line.update(inFlight.size > 0 ? `Applying: ${[...inFlight.values()].join(', ')}...` : '');
  return {
    onEvent(e) {
      if (e.kind === 'start') {
        inFlight.set(e.step.id, e.step.description);
        refresh();
        return;
      }
      inFlight.delete(e.result.step.id);
      const r = e.result;
      const mark = r.status === 'applied' ? 'done' : r.status === 'failed' ? 'FAILED' : 'skipped';
      line.print(escapeControl(`${r.step.address}: ${r.step.description}: ${mark}${r.message ? ` (${r.message})` : ''}`));
      refresh();
    },
    done: () => line.done(),
  };
}
