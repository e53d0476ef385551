// The Plan as data: what `fnsync plan` shows, what `--out plan.json` stores and what `fnsync apply`
// executes. Display (changes) and execution (steps) are kept apart: a change is one resource as a
// reviewer reads it; a step is one API call, with explicit dependencies so apply can run independent
// steps concurrently and skip the dependants of a failed one. Nothing here ever holds a secret value:
// setting values travel as templates (`ConfigValue`: literal text and `${env:NAME}` names), resolved
// by apply at the moment it sends them.
import type { ConfigValue } from '../config/types.js';
import type { FunctionType, SettingDefinition } from '../vocabulary.js';

/** Version of the plan document (`--json`, `--out`); bumped on any incompatible change. */
export const PLAN_FORMAT_VERSION = 1;

/** What happens to one resource, in Terraform's words. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'delete' | 'adopt' | 'deploy';

/** One field of a resource, old and new (both JSON values; hidden ones never carry a value). */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** A setting definition added, removed or changed, keyed by name (order never matters, §14.2). */
export interface SettingDefinitionChange {
  name: string;
  action: 'add' | 'remove' | 'change';
  old?: SettingDefinition;
  new?: SettingDefinition;
  /** For `change`: the fields that differ. */
  fields?: string[];
}

/**
 * How a sensitive value was handled: compared by its last four characters, not compared (its
 * variable is not set here), re-sent on request (`--refresh-secrets`), or sent because it is new.
 */
export type SecretHandling = 'last4-match' | 'last4-differ' | 'not-compared' | 'refreshed' | 'new';

/** One instance setting value, keyed by setting name. */
export interface SettingValueChange {
  name: string;
  action: 'add' | 'change' | 'remove' | 'unchanged';
  /** A secret, or a value taken from the environment: never shown, only described. */
  hidden: boolean;
  sensitive: boolean;
  /** Not sensitive, but the name or a value looks like a credential: hidden as `fnsync run` masks it. */
  credential?: boolean;
  /** Environment variables the new value comes from. */
  env: string[];
  /** Plain values only (`hidden: false`). */
  old?: unknown;
  new?: unknown;
  secret?: SecretHandling;
}

/** Whether the code a change rolls out has a passing `fnsync test` record for exactly this code. */
export type TestStatus = 'tested' | 'failing' | 'untested';

/** Why a source function is deployed. */
export type DeployReason = 'code-changed' | 'created' | 'never-deployed' | 'outdated';

/** A function, as the reviewer reads it. */
export interface FunctionChange {
  kind: 'function';
  /** `function.slack-alerts` */
  address: string;
  /** Local name (the key under `functions:`), or the marker's name for a delete. */
  name: string;
  type: FunctionType;
  /** The previous type, for a replace. */
  oldType?: FunctionType;
  displayName: string;
  action: ChangeAction;
  remoteId?: string;
  /** Why: `not in fnsync.yaml`, `type changed from destination to insert-destination`, ... */
  reason?: string;
  renamedFrom?: string;
  adopted?: boolean;
  fields: FieldChange[];
  /** Old and new code, marker stripped, line endings normalised; only when the code changes. */
  code?: { old: string; new: string };
  settings: SettingDefinitionChange[];
  /** The marker changes (adoption, protection, rename) though the code does not. */
  markerChange?: string;
  deploy?: DeployReason;
  /** Set when this change rolls out code. */
  test?: TestStatus;
  /** Unchanged fields not shown, for the "N unchanged attributes hidden" line. */
  unchanged: number;
}

/** Where an instance lives in the API. */
export type InstanceKind = 'source' | 'destination' | 'insert-instance';

/** One instance of a function (a source, a destination or an insert-function instance). */
export interface InstanceChange {
  kind: 'instance';
  /** `function.slack-alerts.instances["slack-alerts-web"]` */
  address: string;
  functionName: string;
  functionType: FunctionType;
  name: string;
  instanceKind: InstanceKind;
  action: Exclude<ChangeAction, 'adopt' | 'deploy'>;
  remoteId?: string;
  reason?: string;
  renamedFrom?: string;
  /** Where it is connected, in words (`on source web-prod`), for display. */
  connection?: string;
  fields: FieldChange[];
  settings: SettingValueChange[];
  unchanged: number;
}

/** A resource as the reviewer reads it. */
export type Change = FunctionChange | InstanceChange;

/** A function or integration a step refers to: one that exists, or the result of an earlier step. */
export type Ref = { id: string; catalogId?: string } | { step: string };

/** Setting values to send: templates resolved at apply time; `null` removes the key (servers merge per key). */
export type SettingsPayload = Record<string, ConfigValue | ConfigLiteralRef | null>;

/**
 * A literal value in fnsync.yaml that looks like a credential (its setting is not sensitive): the plan does not copy
 * it, since plan files and `plan --json` hold no secret values; apply reads it from the config, whose digest the
 * plan pins (a saved plan is refused when fnsync.yaml changed).
 */
export interface ConfigLiteralRef {
  kind: 'from-config';
  function: string;
  instance: string;
  setting: string;
}

/** The function fields a create or update sends; `code` already carries fnsync's marker. */
export interface FunctionPayload {
  displayName?: string;
  description?: string;
  logoUrl?: string;
  code?: string;
  settings?: SettingDefinition[];
}

/** One API call of the plan. `dependsOn` lists step ids that must succeed first. */
export type Step = StepBase &
  (
    | { op: 'create-function'; type: FunctionType; input: Required<Pick<FunctionPayload, 'displayName' | 'code' | 'settings'>> & FunctionPayload }
    | { op: 'update-function'; functionId: string; input: FunctionPayload }
    | { op: 'delete-function'; functionId: string }
    | { op: 'deploy-function'; function: Ref }
    | { op: 'create-source'; function: Ref; slug: string; enabled: boolean; settings: SettingsPayload }
    | { op: 'update-source'; sourceId: string; slug?: string; enabled?: boolean; settings?: SettingsPayload }
    | { op: 'delete-source'; sourceId: string }
    | { op: 'create-destination'; function: Ref; source: Ref; name: string; enabled: boolean; settings: SettingsPayload }
    | { op: 'update-destination'; destinationId: string; name?: string; enabled?: boolean; settings?: SettingsPayload }
    | { op: 'delete-destination'; destinationId: string }
    | { op: 'create-insert'; function: Ref; integration: Ref; name: string; enabled: boolean; settings: SettingsPayload }
    | { op: 'update-insert'; instanceId: string; name?: string; enabled?: boolean; settings: SettingsPayload }
    | { op: 'delete-insert'; instanceId: string }
  );

/** What every step has. */
export interface StepBase {
  id: string;
  /** The change it belongs to (`function.x` or `function.x.instances["y"]`). */
  address: string;
  /** e.g. `create function Slack Alerts`, for progress lines and the result table. */
  description: string;
  dependsOn: string[];
  /** Local function name whose code this step rolls out (create, or update with new code). */
  rollsOutCodeOf?: string;
}

/** What the plan did with one secret (every one is listed, changed or not). */
export interface SecretNote {
  address: string;
  setting: string;
  handling: SecretHandling;
  env: string[];
}

/** A resource fnsync does not manage and leaves alone. */
export interface UnmanagedResource {
  kind: 'function' | 'source' | 'destination' | 'insert-instance';
  id: string;
  name: string;
  /** For functions: the type. For instances: what they are (catalog name or function name). */
  detail: string;
}

/** A problem that makes the whole plan fail (nothing may be applied). */
export interface PlanError {
  address: string;
  message: string;
  hint?: string;
}

/** A delete fnsync will not do because unmanaged resources depend on it. */
export interface BlockedChange {
  address: string;
  message: string;
  hint: string;
}

/** The counts of the last line (`Plan: X to add, Y to change, Z to destroy.`). */
export interface PlanSummary {
  add: number;
  change: number;
  destroy: number;
}

/** The plan document. */
export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  workspace: { id: string; slug: string; name: string };
  /** The config it was made from: path as given and a digest of its content. */
  config: { file: string; digest: string };
  /** `--target` names, when the plan was restricted. */
  targets?: string[];
  changes: Change[];
  steps: Step[];
  unmanaged: UnmanagedResource[];
  blocked: BlockedChange[];
  warnings: string[];
  errors: PlanError[];
  secrets: SecretNote[];
  summary: PlanSummary;
  /**
   * A digest of every remote resource the plan was computed from, `absent` for each one it creates,
   * so apply can refuse a stale plan. Keys: `function:<id>`, `source:<id>`, `absent:function:<type>:<name>`, ...
   */
  fingerprints: Record<string, string>;
  /** Set when tests were not required for this plan (`--skip-tests`). */
  skipTests?: boolean;
}

/** Where the code came from, written into the marker so anyone in the Segment app can find it. */
export interface Provenance {
  /** Config path relative to the repository root (or as given). */
  config: string;
  repository?: string;
  commit?: string;
}

/** Options that change what the plan does. */
export interface PlanOptions {
  /** Re-send every secret whose variable is set, even when its last four characters match. */
  refreshSecrets?: boolean;
  /** Restrict to these local function names and their instances. */
  targets?: string[];
  /** Do not require a passing test record for code changes (recorded in the plan). */
  skipTests?: boolean;
}
