// The state one plan computation accumulates: changes, steps, fingerprints and problems, plus the
// lookups instances need (where a `source:` or `destination:` reference points, including resources
// this same plan creates). Kept in one object so each planning step is a small function over it.
import type { WorkspaceSnapshot } from '../api/types.js';
import type { InstanceTarget } from '../config/types.js';
import { currentFingerprint } from './fingerprint.js';
import type { PlanEnv } from './settings-diff.js';
import type { BlockedChange, Change, PlanError, PlanOptions, Provenance, Ref, SecretNote, SettingValueChange, Step, TestStatus } from './types.js';

/** Everything a plan is computed from. */
export interface PlanInput {
  snapshot: WorkspaceSnapshot;
  env: PlanEnv;
  provenance: Provenance;
  /** `fnsync test`'s verdict per local function name (missing: untested). */
  testStatus: Record<string, TestStatus>;
  options?: PlanOptions;
}

/** A resolved `source:`/`destination:` reference. */
export interface Connection {
  ref: Ref;
  /** The existing id, when the target exists now. */
  id?: string;
  /** Steps the connection needs first (the create of a planned target). */
  dependsOn: string[];
  /** `on source web-prod` */
  words: string;
}

/** Mutable accumulator of one plan. */
export class PlanState {
  readonly changes: Change[] = [];
  readonly steps: Step[] = [];
  readonly errors: PlanError[] = [];
  readonly warnings: string[] = [];
  readonly blocked: BlockedChange[] = [];
  readonly fingerprints: Record<string, string> = {};
  /** Sources and destinations this plan creates, by slug / name, to their create step. */
  readonly plannedSources = new Map<string, string>();
  readonly plannedDestinations = new Map<string, string>();
  /** Existing sources and destinations this plan renames in place, by new slug / name, to their id. */
  readonly renamedSources = new Map<string, string>();
  readonly renamedDestinations = new Map<string, string>();
  /** Ids of remote instances this plan deletes (so dependants can be checked). */
  readonly deletedIds = new Map<string, string>();

  /** How every secret was handled, changed or not: the plan says it for each. */
  readonly secrets: SecretNote[] = [];

  constructor(readonly input: PlanInput) {}

  /** Records what was done with each sensitive value of an instance. */
  noteSecrets(address: string, changes: SettingValueChange[]): void {
    for (const c of changes) {
      if (c.sensitive && c.secret) this.secrets.push({ address, setting: c.name, handling: c.secret, env: c.env });
    }
  }

  get snapshot(): WorkspaceSnapshot {
    return this.input.snapshot;
  }

  /** Records the current fingerprint of a resource the plan depends on. */
  fingerprint(key: string): void {
    this.fingerprints[key] = currentFingerprint(this.snapshot, key);
  }

  addStep(step: Step): string {
    this.steps.push(step);
    return step.id;
  }

  /** Where an instance's `source:` / `destination:` points; undefined (with an error) when nowhere. */
  resolveConnection(target: InstanceTarget, address: string): Connection | undefined {
    if (target.kind === 'source-function') return undefined;
    if (target.kind === 'insert-destination') return this.resolveDestination(target.destination, address);
    return this.resolveSource(target.source, address);
  }

  private resolveSource(ref: string, address: string): Connection | undefined {
    const words = `on source ${ref}`;
    const planned = this.plannedSources.get(ref);
    if (planned) return { ref: { step: planned }, dependsOn: [planned], words };
    const renamed = this.renamedSources.get(ref);
    const found = this.snapshot.sources.find((s) => (renamed ? s.id === renamed : s.slug === ref)) ?? this.snapshot.sources.find((s) => s.id === ref);
    if (found && !this.deletedIds.has(found.id)) {
      this.fingerprint(`source:${found.id}`);
      return { ref: { id: found.id }, id: found.id, dependsOn: [], words: `on source ${renamed ? ref : found.slug}` };
    }
    if (found) this.errors.push(this.deletedTarget('source', ref, found.id, address));
    else this.errors.push({ address, message: `source '${ref}' is not in the workspace`, hint: 'use the slug or id of an existing source (fnsync workspace lists them), or a source function instance of this config' });
    return undefined;
  }

  private resolveDestination(ref: string, address: string): Connection | undefined {
    const words = `on destination ${ref}`;
    const planned = this.plannedDestinations.get(ref);
    if (planned) return { ref: { step: planned }, dependsOn: [planned], words };
    const renamed = this.renamedDestinations.get(ref);
    const byId = this.snapshot.destinations.find((d) => d.id === (renamed ?? ref));
    const byName = this.snapshot.destinations.filter((d) => d.name === ref && !this.deletedIds.has(d.id));
    if (!byId && byName.length > 1) {
      this.errors.push({ address, message: `${byName.length} destinations are named '${ref}'`, hint: `use the destination's id instead: ${byName.map((d) => d.id).join(', ')}` });
      return undefined;
    }
    const found = byId ?? byName[0];
    if (found && !this.deletedIds.has(found.id)) {
      this.fingerprint(`destination:${found.id}`);
      return { ref: { id: found.id }, id: found.id, dependsOn: [], words: `on destination ${renamed ? ref : found.name}` };
    }
    if (found) this.errors.push(this.deletedTarget('destination', ref, found.id, address));
    else this.errors.push({ address, message: `destination '${ref}' is not in the workspace`, hint: 'use the name or id of an existing destination (fnsync workspace lists them), or a destination function instance of this config' });
    return undefined;
  }

  /** An instance connected to a source or destination this same plan deletes: say which, not "not there". */
  private deletedTarget(kind: string, ref: string, id: string, address: string): PlanError {
    const by = this.deletedIds.get(id)!.replace(/^delete:/, '');
    return {
      address,
      message: `${kind} '${ref}' is deleted by this plan (${by} is no longer in fnsync.yaml), but this instance stays connected to it`,
      hint: `keep ${by} in fnsync.yaml, or connect this instance to another ${kind}`,
    };
  }
}
