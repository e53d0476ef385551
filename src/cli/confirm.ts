// Terraform's approval: on a terminal apply asks and accepts only the literal answer `yes`; with no
// terminal it refuses unless --auto-approve, so a script can never apply by accident.
import { createInterface } from 'node:readline/promises';
import { UserError } from '../errors.js';

/** Resolves true only when the user typed exactly `yes`. */
export async function confirmApply(autoApprove: boolean, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<boolean> {
  if (autoApprove) return true;
  if (!input.isTTY) {
    throw new UserError('refusing to apply without approval: there is no terminal to ask on; review the plan and pass --auto-approve (nothing was changed)');
  }
  const rl = createInterface({ input, output });
  try {
    output.write('\nDo you want to perform these actions?\n  Only \'yes\' will be accepted to approve.\n\n');
    // Ctrl-D (or a closed input) is an answer too: not yes.
    const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
    const answer = await Promise.race([rl.question('  Enter a value: ').catch(() => ''), closed]);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
