// Reads a saved plan (`fnsync plan --out`): JSON, the right format version, and the shape of
// schemas/plan.schema.json, so a truncated or hand-edited file is refused with a reason, not half-run.
import { UserError } from '../errors.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';

/** The compiled plan schema (the file ships in the package beside dist/). */
async function validatePlan() {
  const { compileSchemaFile } = await import('../config/schema-problems.js');
  return compileSchemaFile(new URL('../../schemas/plan.schema.json', import.meta.url));
}

/** Parses and checks a plan document. */
export async function checkPlanDocument(text: string, file: string): Promise<Plan> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not a plan file: ${(err as Error).message}`);
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (version !== PLAN_FORMAT_VERSION) {
    throw new UserError(`${file} is not a plan this fnsync can apply (formatVersion ${JSON.stringify(version)}, expected ${PLAN_FORMAT_VERSION}); run fnsync plan --out again`);
  }
  const validate = await validatePlan();
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new UserError(`${file} is not a valid plan file: ${e?.instancePath || '/'} ${e?.message ?? ''}; run fnsync plan --out again`);
  }
  return data as Plan;
}
