import { comparisonLine, DEFAULT_PROBE_IMAGE } from '../../checks/imds/probe.js';
import { probeConfirmation, runProbes } from './probe.js';
import { leftLine, type LeftPod } from './probe-pod-settle.js';
import { refresh } from './refresh.js';
import { lookedAt, type ImdsSession } from './session.js';

/** Probe the chosen namespaces (the `p` key): typed confirmation, one pod each, deleted after. */
export async function probeFlow(s: ImdsSession): Promise<void> {
  const seen = lookedAt(s);
  if (!seen) return;
  const { ctx } = s;
  const namespaces = s.state.rows.filter((r) => r.chosen).map((r) => r.namespace);
  const image = s.mode.probeImage ?? DEFAULT_PROBE_IMAGE;
  await s.change({
    wire: 'kube',
    what: 'probe pods',
    plan: namespaces.map((ns) => `${ns}: run a probe pod (${image}), then delete it`),
    confirm: probeConfirmation(ctx, namespaces, image),
    cancelled: ['Cancelled: no probe pod was run.'],
    run: (progress, signal) => runProbes(ctx, seen.facts, namespaces, image, progress, signal),
    // The probes are the verification: the policies are not read again.
    verify: false,
    done: ({ results, made, deleted, left }) => {
      s.set({ probes: results.map((r) => ({ ...r, line: comparisonLine(r) })) });
      refresh(s);
      const disagree = results.filter((r) => r.agree === false).length;
      const probed = `Probed ${results.length} namespace${results.length === 1 ? '' : 's'}`;
      return {
        result: [
          disagree > 0
            ? `≠ ${disagree} probe${disagree === 1 ? '' : 's'} disagree${disagree === 1 ? 's' : ''} with the policies (see the findings):`
            : left.length === 0 && made === results.length
              ? `${probed}; every probe pod was deleted:`
              : `${probed}; ${leftWords(made, deleted, left)}:`,
          ...results.map((r) => comparisonLine(r)),
          ...left.map(leftLine),
        ],
      };
    },
  });
}

/** How many probe pods were deleted, and how many were not or may be there (named below). */
function leftWords(made: number, deleted: number, left: readonly LeftPod[]): string {
  const sure = left.filter((l) => !l.unknown).length;
  const unsure = left.length - sure;
  return [
    made === 0
      ? 'no probe pod was created'
      : `deleted ${deleted} of the ${made} probe pod${made === 1 ? '' : 's'} created`,
    ...(sure > 0 ? [`${sure} left behind`] : []),
    ...(unsure > 0 ? [`${unsure} may be left (outcome unknown)`] : []),
  ].join(', ');
}
