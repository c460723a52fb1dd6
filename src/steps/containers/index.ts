import type { StepController, StepContext, StepModule } from '../types.js';
import { inspectContainers, suggestedPatches } from './inspect.js';

/** Inspects on open; nothing to change, so the plan section carries the suggested patches. */
function containersController(ctx: StepContext): StepController {
  let opened = false;
  return {
    open: async () => {
      if (opened) return;
      ctx.status({ kind: 'running' });
      const seen = await inspectContainers(ctx);
      const plan = suggestedPatches(seen.facts);
      opened = true;
      ctx.show({
        summary: seen.summary,
        findings: seen.findings,
        actions: [],
        ...(plan.length ? { plan } : {}),
      });
      ctx.status(
        seen.findings.length > 0
          ? { kind: 'findings', count: seen.findings.length }
          : { kind: 'ok' },
      );
    },
    send: () => Promise.resolve(),
  };
}

/** The containers step: privileges of running containers, by workload, with suggested fixes. */
export const containersStep: StepModule = {
  id: 'containers',
  controller: containersController,
  inspect: inspectContainers,
};
