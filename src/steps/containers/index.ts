import { defineStep } from '../lifecycle/define.js';
import { exportPatches, patchable } from './export.js';
import { inspectContainers, suggestedPatches } from './inspect.js';

/**
 * The containers step: privileges of running containers, by workload, with suggested fixes. It
 * changes nothing: the plan section carries the suggested patches, and the one action writes
 * them to a file (so it is offered in read-only mode too).
 */
export const containersStep = defineStep({
  id: 'containers',
  inspect: inspectContainers,
  initial: undefined,
  seen: (_s, seen) => {
    const plan = suggestedPatches(seen.facts);
    return plan.length > 0 ? { plan } : undefined;
  },
  actions: (s) =>
    s.facts && patchable(s.facts).length > 0
      ? [
          {
            key: 'e',
            label:
              'Export the suggested patches as YAML next to the journal (nothing is sent to the cluster)',
            local: true,
            run: async (run) => {
              const file = await exportPatches(run.ctx, run.facts!);
              run.ctx.show({
                result: [`Wrote ${file} (not applied; nothing was sent to the cluster).`],
              });
            },
          },
        ]
      : [],
});
