// Where the code being applied came from, for fnsync's marker: the config path relative to the
// repository root, the repository and the commit. From the GitHub Actions environment when there,
// else from `git`; each part is simply left out when unknown (a plain folder, no git installed).
import { execFileSync } from 'node:child_process';
import { relative } from 'node:path';
import type { Provenance } from '../plan/types.js';

function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

/** `owner/name` from a remote URL (https or ssh); the URL minus any credentials otherwise. */
export function repositoryFromRemote(url: string): string {
  const m = /github\.com[:/]([^/]+\/[^/]+?)(?:\.git)?$/.exec(url);
  if (m) return m[1]!;
  return url.replace(/\/\/[^@/]+@/, '//');
}

/** The provenance of a config file in `env` (Actions variables win over git). */
export function readProvenance(configFile: string, cwd: string, env: Record<string, string | undefined>): Provenance {
  const root = git(cwd, ['rev-parse', '--show-toplevel']);
  const config = relative(root ?? cwd, configFile) || configFile;
  const repository = env.GITHUB_REPOSITORY || (() => {
    const remote = git(cwd, ['remote', 'get-url', 'origin']);
    return remote ? repositoryFromRemote(remote) : undefined;
  })();
  const commit = env.GITHUB_SHA || git(cwd, ['rev-parse', 'HEAD']);
  return { config, ...(repository ? { repository } : {}), ...(commit ? { commit: commit.slice(0, 12) } : {}) };
}
