// Decides which workspace a command talks to, from the environment and flags only (pure, so every
// combination is unit-tested). The token is carried but never part of any message.
import { UserError } from '../errors.js';

import { REGION_URLS, type Region } from '../vocabulary.js';

// Regions and their URLs are shared vocabulary; re-exported for the api layer's users.
export { REGION_URLS, type Region } from '../vocabulary.js';

/** Where the embedded local workspace keeps its state, relative to the project directory. */
export const LOCAL_STATE_FILE = '.fnsync/workspace.json';

/** The chosen target: the embedded local workspace, or a real (or proxied) Public API. */
export type WorkspaceTarget =
  | { kind: 'local'; stateFile: string }
  | { kind: 'remote'; baseUrl: string; host: string; token: string; region: Region; expectedSlug: string | undefined };

/** Inputs to target selection. */
export interface TargetOptions {
  env: Record<string, string | undefined>;
  /** `--local`: use the local workspace even with a token, and allow it under CI. */
  local?: boolean;
  /** `--region`, which wins over the config. */
  region?: string;
  /** `region` and `workspace` (slug) from fnsync.yaml, when one was loaded. */
  config?: { region?: string | undefined; workspace?: string | undefined };
}

function parseRegion(value: string, from: string): Region {
  if (value === 'us' || value === 'eu') return value;
  throw new UserError(`invalid region '${value}' from ${from}: expected 'us' or 'eu'`);
}

function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserError('SEGMENT_API_URL is not a valid URL (expected e.g. https://api.segmentapis.com)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UserError(`SEGMENT_API_URL must be an http(s) URL, got ${url.protocol}`);
  }
  return url;
}

/**
 * Whether `CI` says we run in CI. Any value but empty, `false` or `0` counts (`true`, `1`, AppVeyor's
 * `True`, ...): wrongly assuming CI only costs a `--local`, wrongly assuming a laptop falls back silently.
 */
export function isCi(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/** Resolves the workspace target; throws UserError for unsafe or contradictory settings. */
export function resolveTarget(options: TargetOptions): WorkspaceTarget {
  const { env } = options;
  const token = env.SEGMENT_PUBLIC_API_TOKEN?.trim();
  const region = options.region
    ? parseRegion(options.region, '--region')
    : options.config?.region
      ? parseRegion(options.config.region, 'fnsync.yaml')
      : 'us';

  if (options.local) return { kind: 'local', stateFile: LOCAL_STATE_FILE };

  if (!token) {
    if (isCi(env.CI)) {
      throw new UserError(
        // Under CI an empty token is almost always a secret that is missing or not passed to the job (a fork's
        // pull request gets none): say how to set it; --local stays for CI runs meant for the local workspace.
        'SEGMENT_PUBLIC_API_TOKEN is empty or not set in CI: set the repository secret the workflow passes ' +
          '(SEGMENT_PUBLIC_API_READ_TOKEN for plan and drift, SEGMENT_PUBLIC_API_TOKEN in the segment-production environment for apply; ' +
          'a pull request from a fork gets no secrets), or pass --local to use the embedded local workspace on purpose',
      );
    }
    if (env.SEGMENT_API_URL) {
      throw new UserError(
        'SEGMENT_API_URL is set but SEGMENT_PUBLIC_API_TOKEN is not; set the token, or unset SEGMENT_API_URL to use the local workspace',
      );
    }
    return { kind: 'local', stateFile: LOCAL_STATE_FILE };
  }

  const url = env.SEGMENT_API_URL ? parseBaseUrl(env.SEGMENT_API_URL) : new URL(REGION_URLS[region]);
  const baseUrl = `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  return { kind: 'remote', baseUrl, host: url.host, token, region, expectedSlug: options.config?.workspace };
}
