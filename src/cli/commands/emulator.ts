// `fnsync emulator start`: runs the local Segment Public API emulator standalone until SIGINT/SIGTERM.
import type { Command } from 'commander';
import type { StandaloneOptions } from '../../emulator/standalone.js';
import type { CommandRunner } from './index.js';

/** Registers `emulator start` so users and CI can run a workspace the SDK (and fnsync) can target. */
export function register(program: Command, run: CommandRunner): void {
  const emulator = program.command('emulator').description('run a local emulator of the Segment Public API (the subset fnsync uses)');
  emulator
    .command('start')
    .description('start the emulator and serve until interrupted (Ctrl-C)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--state <file>', 'JSON state file, created from the seed when missing', '.fnsync/emulator.json')
    .option('--seed <file>', 'JSON seed file for a new state file (default: the built-in local workspace)')
    .option('--token <token>', 'the only bearer token accepted (default: any non-empty token)')
    .option('--latency <ms>', 'delay every API response by this many milliseconds')
    .option('--rate-limit <points/window>', 'answer 429 beyond POINTS requests per WINDOW, e.g. 600/60s')
    .option('--max-functions <n>', "the workspace's function limit (default 25, Segment's; kept in the state file)")
    .action((opts: StandaloneOptions) =>
      run(async (ctx) => {
        const { startStandalone } = await import('../../emulator/standalone.js');
        return startStandalone(opts, ctx);
      }),
    );
}
