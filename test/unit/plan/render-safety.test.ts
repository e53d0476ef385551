// The text plan shows workspace data (code saved in the Segment app, names): none of its control
// characters reaches the terminal raw.
import { describe, expect, it } from 'vitest';
import { renderPlanText } from '../../../src/render/plan-text.js';
import { config, fnDef, workspace } from './builders.js';
import { plan } from './run-plan.js';

describe('plan text and control characters', () => {
  it('escapes ESC sequences and carriage returns in remote code and unmanaged names', () => {
    const mine = fnDef('mine', 'destination', { displayName: 'Mine' });
    const ws = workspace();
    ws.managed(mine, { code: 'async function onTrack(e) {\n  return "\u001b[2J\rgone";\n}\n' });
    ws.fn({ type: 'destination', displayName: 'Evil\u001b]0;title\u0007', code: 'x' });
    const text = renderPlanText(plan(config(mine), ws, { testStatus: { mine: 'tested' } }), { color: false }).join('\n');
    // A lone CR is a line ending to the code comparison (it becomes a new line); the ESC is made visible.
    expect(text).toContain('-  return "\\u001b[2J\n');
    expect(text).toContain('Evil\\u001b]0;title\\u0007');
    expect(text).not.toMatch(/[\u0007\u001b\r]/);
  });
});
