// The advice appended to ApiErrors whose API message alone leaves the user stuck: a create refused by the
// workspace's function limit says what to do; other failures keep the API's message as it is.
import { describe, expect, it } from 'vitest';
import { toApiError, type Failure } from '../../../src/api/failure.js';
import { label } from '../../../src/api/adapter-context.js';

const http = (status: number, message: string): Failure => ({ kind: 'http', status, type: 'input-validation', message, msBeforeNext: undefined, headers: undefined });
const context = { timeoutMs: 1000, secrets: [] };
const create = label('creating source function Hook', 'createFunction', 'Hook');

describe('function-limit advice', () => {
  it('explains a limit refusal of createFunction and what to do about it', () => {
    const err = toApiError(http(422, 'Function limit reached: this workspace already has 25 functions and may have at most 25.'), create, context);
    expect(err.message).toBe(
      'creating source function Hook: 422 Function limit reached: this workspace already has 25 functions and may have at most 25. ' +
        'The workspace already holds as many functions as Segment allows (25 per workspace unless Segment raised it): ' +
        'delete functions it no longer uses, or ask Segment support to raise the function limit for this workspace.',
    );
    expect(toApiError(http(403, 'Functions limit exceeded'), create, context).message).toContain('ask Segment support');
  });

  it('leaves other failures alone: other messages, other statuses, other operations', () => {
    expect(toApiError(http(422, 'displayName already exists'), create, context).message).toBe('creating source function Hook: 422 displayName already exists');
    expect(toApiError(http(429, 'rate limit'), create, context).message).not.toContain('Segment support');
    const update = label('updating function Hook (sfnc_1)', 'updateFunction', 'sfnc_1');
    expect(toApiError(http(422, 'limit reached'), update, context).message).toBe('updating function Hook (sfnc_1): 422 limit reached');
  });
});
