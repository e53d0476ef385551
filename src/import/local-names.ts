// Local names for imported functions: kebab-case from the display name, so the key under `functions:`,
// the folder under functions/ and the plan address all read like the name people see in Segment.
// A name already used (by fnsync.yaml, by a folder on disk, by another imported function) gets -2, -3...
// and the collision is returned, so the output can say why the name is not the obvious one.
import type { NameCollision } from './types.js';

/** Leaves room for a `-NN` suffix within the 64 characters `function-names-safe` allows. */
const MAX_BASE = 60;
/** Device names Windows refuses as file names (the config rule rejects them too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])$/;

/** The kebab-case local name for a display name (`Slack Alerts` → `slack-alerts`, `PIIMask v2` → `pii-mask-v2`). */
export function deriveLocalName(displayName: string): string {
  const words = displayName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const base = words.slice(0, MAX_BASE).replace(/-+$/, '') || 'function';
  return WINDOWS_RESERVED.test(base) ? `${base}-fn` : base;
}

/** Why a name cannot be used, or undefined when it is free. */
export type NameCheck = (name: string) => string | undefined;

/** The first free name of `wanted`, `wanted-2`, `wanted-3`...; with the collision when it is not `wanted`. */
export function allocateName(wanted: string, takenBy: NameCheck): { name: string; collision?: NameCollision } {
  const first = takenBy(wanted);
  if (first === undefined) return { name: wanted };
  for (let n = 2; ; n++) {
    const candidate = `${wanted}-${n}`;
    if (takenBy(candidate) === undefined) return { name: candidate, collision: { wanted, takenBy: first } };
  }
}
