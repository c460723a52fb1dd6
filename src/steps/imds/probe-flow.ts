import { comparisonLine, DEFAULT_PROBE_IMAGE } from '../../checks/imds/probe.js';
import type { ImdsHost } from './host.js';
import { probeConfirmation, runProbes } from './probe.js';

/** Probe the chosen namespaces (the `p` key): typed confirmation, one pod each, deleted after. */
export async function probeFlow(host: ImdsHost): Promise<void> {
  const { ctx } = host;
  const facts = host.facts();
  const state = host.state();
  if (!facts || !state.probe || state.probe.unavailable !== undefined) return;
  const namespaces = state.rows.filter((r) => r.chosen).map((r) => r.namespace);
  const image = ctx.mode.probeImage ?? DEFAULT_PROBE_IMAGE;
  const lines = namespaces.map((ns) => `${ns}: run a probe pod (${image}), then delete it`);
  if (!(await ctx.confirm(probeConfirmation(ctx, namespaces, image)))) {
    ctx.show({ plan: lines, result: ['Cancelled: no probe pod was run.'] });
    return;
  }
  const results = await host.run(lines, (p, signal) =>
    runProbes(ctx, facts, namespaces, image, p, signal),
  );
  host.set({ probes: results.map((r) => ({ ...r, line: comparisonLine(r) })) });
  host.refresh();
  const disagree = results.filter((r) => r.agree === false).length;
  ctx.show({
    result: [
      disagree > 0
        ? `≠ ${disagree} probe${disagree === 1 ? '' : 's'} disagree${disagree === 1 ? 's' : ''} with the policies (see the findings):`
        : `Probed ${results.length} namespace${results.length === 1 ? '' : 's'}; every probe pod was deleted:`,
      ...results.map((r) => comparisonLine(r)),
    ],
  });
}
