import type { StepController, StepContext, StepModule } from '../contract/module.js';
import type { StepActionView } from '../contract/view.js';
import { exportPatches, patchable } from './export.js';
import { inspectContainers, suggestedPatches, type ContainersFacts } from './inspect.js';

/** The one action: it writes a local file only, so it is offered in read-only mode too. */
const EXPORT: StepActionView = {
  key: 'e',
  label:
    'Export the suggested patches as YAML next to the journal (nothing is sent to the cluster)',
};

/** Inspects on open; changes nothing, so the plan section carries the suggested patches. */
function containersController(ctx: StepContext): StepController {
  let facts: ContainersFacts | undefined;
  return {
    open: async () => {
      if (facts) return;
      ctx.status({ kind: 'running' });
      const seen = await inspectContainers(ctx);
      const plan = suggestedPatches(seen.facts);
      facts = seen.facts;
      ctx.show({
        summary: seen.summary,
        findings: seen.findings,
        actions: patchable(seen.facts).length > 0 ? [EXPORT] : [],
        ...(plan.length ? { plan } : {}),
      });
      ctx.status(
        seen.findings.length > 0
          ? { kind: 'findings', count: seen.findings.length }
          : { kind: 'ok' },
      );
    },
    send: async (event) => {
      if (event.type !== 'action' || event['key'] !== 'e' || !facts) return;
      if (patchable(facts).length === 0) return;
      const file = await exportPatches(ctx, facts);
      ctx.show({ result: [`Wrote ${file} (not applied; nothing was sent to the cluster).`] });
    },
  };
}

/** The containers step: privileges of running containers, by workload, with suggested fixes. */
export const containersStep: StepModule = {
  id: 'containers',
  controller: containersController,
  inspect: inspectContainers,
};
