// The flags every workspace command takes to choose its target, defined once so plan, apply, import
// and workspace can never describe them differently.
import type { Command } from 'commander';

/** Adds `--local` and `--region` to a command. */
export function addTargetFlags(cmd: Command): Command {
  return cmd
    .option('--local', 'use the embedded local workspace (.fnsync/workspace.json) even with a token or under CI')
    .option('--region <region>', 'Segment region of the workspace: us or eu (default: fnsync.yaml region, else us)');
}
