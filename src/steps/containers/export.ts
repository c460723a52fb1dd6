import { basename, dirname, join } from 'node:path';
import { patchFileYaml } from '../../checks/containers/patch.js';
import { writePrivateFile } from '../../report/private-file.js';
import type { StepJournal } from '../../model/journal.js';
import type { ContainersFacts } from './inspect.js';

/** User workloads with findings: the ones a patch is suggested for. */
export function patchable(facts: ContainersFacts): ContainersFacts['workloads'] {
  return facts.workloads.filter((w) => !w.system && w.issues.length > 0);
}

/**
 * Writes the suggested securityContext patches as YAML next to the journal (one file per session,
 * rewritten on each export) and notes the file in the journal. Sends nothing to the cluster.
 */
export async function exportPatches(
  ctx: { journal: StepJournal; cluster: string },
  facts: ContainersFacts,
): Promise<string> {
  const workloads = patchable(facts);
  const session = basename(ctx.journal.path).replace(/\.[^.]*$/, '');
  const file = join(dirname(ctx.journal.path), `${session}.containers-patches.yaml`);
  await writePrivateFile(file, patchFileYaml(workloads, ctx.cluster));
  await ctx.journal.note('containers', 'exported suggested securityContext patches', {
    file,
    workloads: workloads.map(
      (w) => `${w.workload.kind} ${w.workload.namespace}/${w.workload.name}`,
    ),
  });
  return file;
}
