// `fnsync types`: writes the editor declarations for handler code (Segment, handlers, error classes, globals).
import type { Command } from 'commander';
import type { CommandRunner } from './index.js';

/** The shipped declaration file, found relative to this module in both src/ and dist/. */
export const TYPES_FILE = new URL('../../../types/segment-functions.d.ts', import.meta.url);

/** Adds the `types` command. */
export function register(program: Command, run: CommandRunner): void {
  program
    .command('types')
    .description('print (or write with --out) the TypeScript declarations for function code, for editor autocompletion')
    .option('-o, --out <file>', 'write the declarations to this file instead of stdout')
    .option('-c, --config <file>', 'add a settings type per function from this config (default: fnsync.yaml here, when there is one)')
    .option('--json', 'print { "declarations" } (or, with --out, { "out" }) as one JSON document on stdout, also on error')
    .addHelpText(
      'after',
      '\nThen reference the file from your handlers:  /// <reference path="./segment-functions.d.ts" />\n' +
        'or list it in jsconfig.json "include" (add "checkJs": true for type checking).\n' +
        "In a project with fnsync.yaml it also declares FnsyncSettings: type a handler's settings with\n" +
        "/** @param {FnsyncSettings['my-function']} settings */.",
    )
    .action((options: { out?: string; config?: string; json?: boolean }) =>
      run(async (ctx) => {
        const { readFile } = await import('node:fs/promises');
        const { existsSync } = await import('node:fs');
        const { relative, resolve } = await import('node:path');
        let text = await readFile(TYPES_FILE, 'utf8');
        // With a project config, each function's settings get a type (FnsyncSettings['name']).
        if (options.config !== undefined || existsSync(resolve(ctx.cwd, 'fnsync.yaml'))) {
          const { findConfigFile, loadConfig } = await import('../../config/load-config.js');
          const { settingsDeclarations } = await import('../../runtime/settings-types.js');
          const file = findConfigFile(ctx.cwd, options.config);
          const config = await loadConfig(file, { cwd: ctx.cwd });
          text += settingsDeclarations(config.functions, relative(ctx.cwd, file) || file);
        }
        if (!options.out) {
          ctx.stdout(options.json ? JSON.stringify({ ok: true, declarations: text }, null, 2) : text);
          return 0;
        }
        const { writeReportFile } = await import('../../runtime/write-report-file.js');
        const target = await writeReportFile(ctx.cwd, options.out, text);
        const shown = relative(ctx.cwd, target) || target;
        ctx.stderr(`wrote ${shown}; reference it with /// <reference path="..." /> or jsconfig.json "include"`);
        if (options.json) ctx.stdout(JSON.stringify({ ok: true, out: shown }, null, 2));
        return 0;
      }, { json: options.json }),
    );
}
