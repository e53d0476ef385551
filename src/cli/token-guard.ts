// Function code must never run where a Segment token is: `node:vm` is not a security boundary, and a
// handler that escapes it can read its process's environment (and a parent's, via /proc). `fnsync test`
// and `fnsync run` therefore refuse to start in CI when a token is in their environment, and warn
// elsewhere: on a laptop the token may be exported for plan/apply in the same shell.
import { isCi } from '../api/target.js';
import { UserError } from '../errors.js';
import type { CliContext } from './output.js';

/** The variables that hold a Segment credential. */
const TOKEN_VARIABLES = ['SEGMENT_PUBLIC_API_TOKEN'];

/**
 * Variables that CI services set themselves, whatever a job does to `CI`: a workflow that sets `CI: false` (to quiet
 * a tool's CI mode) still runs where its secrets are.
 */
export const CI_SERVICE_VARIABLES = ['GITHUB_ACTIONS', 'GITLAB_CI', 'BUILDKITE', 'CIRCLECI', 'TF_BUILD', 'JENKINS_URL', 'TEAMCITY_VERSION', 'BITBUCKET_BUILD_NUMBER', 'CODEBUILD_BUILD_ID', 'TRAVIS', 'DRONE', 'APPVEYOR', 'SEMAPHORE', 'CONTINUOUS_INTEGRATION'];

/** Running in automation: `CI` set (not `false`/`0`), or a CI service's own variable. */
const inCi = (env: CliContext['env']) => isCi(env.CI) || CI_SERVICE_VARIABLES.some((name) => isCi(env[name]));

/** Throws under CI, warns otherwise, when a token is set for a command that runs function code. */
export function guardFunctionCode(ctx: CliContext, command: 'test' | 'run'): void {
  const present = TOKEN_VARIABLES.filter((name) => ctx.env[name]);
  if (present.length === 0) return;
  const why = `fnsync ${command} runs function code, and code that escapes the local runtime could read ${present.join(', ')}`;
  if (inCi(ctx.env)) {
    throw new UserError(
      `refusing to run function code with ${present.join(', ')} in the environment under CI: ${why}. ` +
        `Run fnsync ${command} in a job without the token (the test job of the fnsync workflow has none)`,
    );
  }
  ctx.stderr(`warning: ${present.join(', ')} is set: ${why}; unset it for this command (env -u ${present[0]} npx fnsync ${command} ...)`);
}
