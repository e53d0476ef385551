// `fnsync run`: invokes one handler once with a request or event file and prints one JSON document.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, resolve, relative } from 'node:path';
import type { CommandRunner } from './index.js';
import { UserError } from '../../errors.js';
import { terminalSafeJson } from '../../render/terminal-safe.js';
import { DEFAULT_TIMEOUT_MS, type FunctionType } from '../../config/types.js';
import type { CliContext } from '../output.js';
import type { FunctionUnit, InvocationInput } from '../../runtime/types.js';
import type { Config, FunctionDefinition } from '../../config/types.js';

interface RunOptions {
  type?: string;
  request?: string;
  event?: string;
  settings?: string;
  allowNetwork?: boolean;
  config?: string;
  now?: string;
  option?: string[];
  instance?: string;
  json?: boolean;
}


const TYPES: FunctionType[] = ['source', 'destination', 'insert-destination', 'insert-source'];

async function readInput(file: string, ctx: CliContext): Promise<{ text: string; shown: string }> {
  if (file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { text: Buffer.concat(chunks).toString('utf8'), shown: '<stdin>' };
  }
  const full = resolve(ctx.cwd, file);
  if (!existsSync(full)) throw new UserError(`file not found: ${file}`);
  return { text: await readFile(full, 'utf8'), shown: file };
}

const looksLikePath = (target: string) => target.includes('/') || target.includes('\\') || /\.[cm]?js$/.test(target);

interface ResolvedUnit {
  unit: FunctionUnit;
  sensitive: Set<string>;
  required: string[];
  /** Set when the function comes from fnsync.yaml (needed by --instance). */
  fn?: FunctionDefinition;
  config?: Config;
}

async function resolveUnit(target: string, options: RunOptions, ctx: CliContext): Promise<ResolvedUnit> {
  if (looksLikePath(target)) {
    if (options.instance) throw new UserError('--instance needs a function name from fnsync.yaml, not a handler path');
    if (!options.type) throw new UserError(`--type is required when running a handler file (one of ${TYPES.join(', ')})`);
    if (!TYPES.includes(options.type as FunctionType)) throw new UserError(`unknown --type ${options.type} (one of ${TYPES.join(', ')})`);
    const codePath = resolve(ctx.cwd, target);
    if (!existsSync(codePath)) throw new UserError(`handler file not found: ${target}`);
    const code = await readFile(codePath, 'utf8');
    return { unit: { name: target, type: options.type as FunctionType, code, codePath, timeoutMs: DEFAULT_TIMEOUT_MS }, sensitive: new Set(), required: [] };
  }
  const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
  const config = await loadConfig(findConfigFile(ctx.cwd, options.config), { cwd: ctx.cwd });
  const fn = config.functions.find((f) => f.name === target);
  if (!fn) {
    const names = config.functions.map((f) => f.name).join(', ') || 'none';
    throw new UserError(`no function named "${target}" in ${relative(ctx.cwd, config.file) || config.file} (functions: ${names})`);
  }
  if (options.type && options.type !== fn.type) throw new UserError(`--type ${options.type} does not match ${fn.name}'s type ${fn.type} in the config`);
  const unit: FunctionUnit = { name: fn.name, type: fn.type, code: fn.code, codePath: fn.codePath, timeoutMs: fn.timeoutMs, projectDir: dirname(config.file) };
  return { unit, sensitive: new Set(fn.settings.filter((s) => s.sensitive).map((s) => s.name)), required: fn.settings.filter((s) => s.required).map((s) => s.name), fn, config };
}

/** Runs the command; resolves to the exit code. */
export async function runFunction(target: string, options: RunOptions, ctx: CliContext): Promise<number> {
  const { parseRequestFile, parseEventFile, parseSettingsFile, invokeOnce, toRunReport, runExitCode } = await import('../../runtime/invoke.js');
  if (options.request && options.event) throw new UserError('give either --request (source functions) or --event, not both');
  if (!options.request && !options.event) throw new UserError('give --request FILE (source functions) or --event FILE');
  if ([options.request, options.event, options.settings].filter((f) => f === '-').length > 1) throw new UserError('only one input can be read from stdin (-)');
  if (options.now !== undefined && Number.isNaN(Date.parse(options.now))) throw new UserError(`--now ${options.now} is not an ISO date`);
  const { parseOptionFlags } = await import('../../runtime/runtime-option-flags.js');
  const runtimeOptions = parseOptionFlags(options.option ?? []);
  const resolved = await resolveUnit(target, options, ctx);
  const { unit, sensitive, required } = resolved;
  unit.options = runtimeOptions;
  if (unit.type === 'source' && !options.request) throw new UserError(`${unit.name} is a source function: give --request FILE`);
  if (unit.type !== 'source' && !options.event) throw new UserError(`${unit.name} is a ${unit.type} function: give --event FILE`);

  const input = options.request ? await readInput(options.request, ctx) : await readInput(options.event!, ctx);
  const invocation = options.request
    ? ({ kind: 'request', request: parseRequestFile(input.text, input.shown) } as const)
    : parseEventFile(input.text, input.shown);
  let given: Record<string, unknown> = {};
  const fromEnv: string[] = [];
  if (options.settings) {
    const file = await readInput(options.settings, ctx);
    // A function from fnsync.yaml: its declared settings are checked (names, types), as in a fixture's settings.
    const parsed = parseSettingsFile(file.text, file.shown, ctx.env, resolved.fn ? { name: resolved.fn.name, settings: resolved.fn.settings } : undefined);
    given = parsed.settings;
    fromEnv.push(...parsed.fromEnv);
  }
  // --instance starts from that instance's values in fnsync.yaml; --settings then overrides them key by key.
  let settings: Record<string, unknown> = given;
  if (options.instance) {
    const { instanceSettingsForRun } = await import('../../config/instance-settings.js');
    const base = instanceSettingsForRun(resolved.config!, resolved.fn!, options.instance, new Set(Object.keys(given)), ctx.env);
    settings = { ...base.settings, ...given };
    fromEnv.push(...base.fromEnv);
  }
  const { secretValues } = await import('../../config/secret-values.js');
  const secrets = secretValues(settings, sensitive, fromEnv);
  const unset = required.filter((name) => settings[name] === undefined);
  if (unset.length > 0) {
    const where = options.instance ? `by instance ${options.instance}${options.settings ? ` or ${options.settings}` : ''}` : options.settings ? `in ${options.settings}` : '(no --settings FILE or --instance NAME)';
    ctx.stderr(`warning: ${unit.name} requires settings that are not given ${where}: ${unset.join(', ')}`);
  }
  const runInput: InvocationInput = { invocation, settings, http: { mocks: [], allowNetwork: Boolean(options.allowNetwork) } };
  if (options.now) runInput.now = new Date(options.now).toISOString();
  const result = await invokeOnce(unit, runInput);
  // Masked value by value and then as text: a secret the function JSON-encoded into a log line stays hidden.
  const { maskDeep, maskText } = await import('../../render/mask-secrets.js');
  const code = runExitCode(result);
  ctx.stdout(terminalSafeJson(maskText(JSON.stringify({ ok: code === 0, ...maskDeep(toRunReport(result), secrets) }, null, 2), secrets)));
  return code;
}

/** Adds the `run` command; the runtime and config loader load only when it runs so `fnsync --help` stays fast. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('run')
    .description('invoke a function once in the local runtime and print the result as JSON')
    .argument('<function>', 'a function name from fnsync.yaml, or a path to a handler .js file')
    .option('--type <type>', `function type when <function> is a path: ${TYPES.join(' | ')}`)
    .option('--request <file>', 'source functions: request file { method?, headers?, url? | query?, body } (- for stdin)')
    .option('--event <file>', 'other functions: event JSON; an array means a batch (onBatch) (- for stdin)')
    .option('--instance <name>', "start from this instance's settings in fnsync.yaml (${env:NAME} resolved; secrets masked in the output)")
    .option('--settings <file>', 'settings JSON; strings may use ${env:NAME}; with --instance, overrides its values key by key')
    .option('--allow-network', 'let outbound requests reach the network (refused by default)')
    .option('--now <iso>', 'freeze Date at this instant')
    .option('--option <name=value>', 'a runtime choice on an open question, e.g. validation=strict, formBodies=decode, insertUndefined=pass (repeatable; docs/runtime.md)', (v: string, prev: string[] = []) => [...prev, v])
    .option('-c, --config <file>', 'config file for function names (default: fnsync.yaml)')
    .option('--json', 'the output is always one JSON document on stdout, also on error (accepted for the shared convention)')
    .addHelpText(
      'after',
      '\nExit code 0 when the outcome is Success (or Dropped for insert functions), 1 for any other outcome or bad input.\n' +
        'Outbound HTTP is refused unless --allow-network; a refused request shows in "requests" with its error.',
    )
    .action((target: string, options: RunOptions) =>
      run(async (ctx) => {
        const { guardFunctionCode } = await import('../token-guard.js');
        guardFunctionCode(ctx, 'run');
        return runFunction(target, options, ctx);
      }, { json: true }),
    );
}
