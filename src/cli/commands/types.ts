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
    .addHelpText(
      'after',
      '\nThen reference the file from your handlers:  /// <reference path="./segment-functions.d.ts" />\n' +
        'or list it in jsconfig.json "include" (add "checkJs": true for type checking).',
    )
    .action((options: { out?: string }) =>
      run(async (ctx) => {
        const { readFile } = await import('node:fs/promises');
        const { relative } = await import('node:path');
        const text = await readFile(TYPES_FILE, 'utf8');
        if (!options.out) {
          ctx.stdout(text);
          return 0;
        }
        const { writeReportFile } = await import('../../runtime/write-report-file.js');
        const target = await writeReportFile(ctx.cwd, options.out, text);
        ctx.stderr(`wrote ${relative(ctx.cwd, target) || target}; reference it with /// <reference path="..." /> or jsconfig.json "include"`);
        return 0;
      }),
    );
}
