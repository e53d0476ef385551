// The list of fnsync commands. Each module exports `register(program, ctx)` and adds exactly one command.
import type { Command } from 'commander';
import type { CliContext } from '../output.js';
import { register as registerValidate } from './validate.js';
import { register as registerEmulator } from './emulator.js';
import { register as registerWorkspace } from './workspace.js';
import { register as registerTest } from './test.js';
import { register as registerRun } from './run.js';
import { register as registerTypes } from './types.js';
import { register as registerPlan } from './plan.js';
import { register as registerApply } from './apply.js';
import { register as registerImport } from './import.js';
import { register as registerInit } from './init.js';

/** A command module: adds its command to the program; its action resolves to an exit code via `ctx`. */
export type RegisterCommand = (program: Command, run: CommandRunner) => void;

/**
 * Wraps a command action so main.ts catches, prints and maps its errors in one place. With `json: true` (the
 * command's `--json`), an error also becomes one JSON document on stdout, so stdout always parses.
 */
export type CommandRunner = (action: (ctx: CliContext) => Promise<number>, mode?: { json?: boolean }) => Promise<void>;

export const commands: RegisterCommand[] = [registerValidate, registerTest, registerRun, registerTypes, registerWorkspace, registerPlan, registerApply, registerImport, registerInit, registerEmulator];
