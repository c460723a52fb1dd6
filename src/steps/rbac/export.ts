import { dirname, join } from 'node:path';
import { bindingLabel } from '../../checks/rbac/types.js';
import { writePrivateFile } from '../../report/private-file.js';
import type { StepJournal } from '../../model/journal.js';
import { planYaml, type ReplacementPlan } from './plan.js';

/** Writes the proposed binding as YAML next to the journal (for review or GitOps) and notes it. */
export async function exportPlan(
  ctx: { journal: StepJournal },
  plan: ReplacementPlan,
): Promise<string> {
  const name = bindingLabel(plan.createdAt).replace(/[^A-Za-z0-9_.-]+/g, '_');
  const file = join(dirname(ctx.journal.path), `${name}.yaml`);
  await writePrivateFile(file, planYaml(plan).join('\n') + '\n');
  await ctx.journal.note('rbac', 'exported proposed binding', {
    file,
    binding: bindingLabel(plan.createdAt),
  });
  return file;
}
