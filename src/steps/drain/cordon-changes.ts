import type { DrainFacts } from '../../checks/drain/findings.js';
import { describeKubeError } from '../../kube/errors.js';
import { listAllDaemonSets } from '../../kube/lists.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { cordonConfirmation, uncordonConfirmation } from './confirmations.js';
import { crossing } from './crossing.js';
import { kuredLockOf } from './facts.js';
import { nodeWrites } from './node-writes.js';
import { changedNodes, cordonNodes, uncordonNodes, type CordonOutcome } from './run/uncordon.js';
import type { DrainState } from './state.js';
import { plural } from '../../model/plural.js';

type Session = StepSession<DrainFacts, DrainState>;

/** Uncordons the named nodes after their confirmation (kured's lock read right before asking). */
export async function uncordon(s: Session, names: string[]): Promise<void> {
  const { state, ctx } = s;
  if (s.mode.readOnly || state.rights.cordon || state.phase === 'running') return;
  // Read kured's lock right before asking: it may have taken the node since the table loaded.
  // A failed read is not "no lock": the question says so and asks as if the lock were held.
  const { lock, unread } = await listAllDaemonSets(ctx.connection.kc).then(
    (daemonSets) => ({ lock: kuredLockOf(daemonSets), unread: undefined }),
    (error: unknown) => ({
      lock: [] as string[],
      unread: describeKubeError(error, ctx.connection.kubeServer, 'list daemonsets').message,
    }),
  );
  const chosen = state.nodes
    .filter((n) => names.includes(n.name))
    .map((n) => ({ ...n, kuredLock: n.kuredLock || lock.includes(n.name) }));
  if (chosen.length === 0) return;
  const crossed = crossing(s, chosen);
  if (crossed) return ctx.show({ result: crossed });
  await s.change({
    wire: 'kube',
    what: 'uncordon',
    confirm: uncordonConfirmation(ctx.cluster, chosen, s.mode.dryRun, unread),
    cancelled: ['Kept cordoned: nothing was changed.'],
    run: async (_progress, signal) => {
      const outcomes = await uncordonNodes(
        chosen.map((n) => n.name),
        nodeWrites(s, signal),
      );
      // A node that is schedulable now (by us or already) is no longer "an interrupted drain
      // to continue"; a failed one still is.
      const free = outcomes.filter((o) => o.outcome === 'changed' || o.outcome === 'already');
      const freed = free.map((o) => o.node);
      s.set({
        leftCordoned: s.state.leftCordoned.filter((n) => !freed.includes(n)),
        maybeCordoned: Object.fromEntries(
          Object.entries(s.state.maybeCordoned ?? {}).filter(([n]) => !freed.includes(n)),
        ),
        ...(outcomes.every((o) => o.outcome !== 'failed' && o.outcome !== 'unknown')
          ? { resume: undefined }
          : {}),
      });
      return report(outcomes);
    },
    verify: 'after',
    done: ({ lines, done, failed }) => ({
      result: lines,
      failed,
      ...(done.length > 0 ? { changed: `uncordoned ${plural(done.length, 'node')}` } : {}),
    }),
  });
}

/** Cordons the named schedulable nodes after their confirmation (nothing is evicted). */
export async function cordon(s: Session, names: string[]): Promise<void> {
  const { state, ctx } = s;
  if (s.mode.readOnly || state.rights.cordon) return;
  const chosen = state.nodes.filter((n) => names.includes(n.name) && n.schedulable);
  if (chosen.length === 0) return;
  const crossed = crossing(s, chosen);
  if (crossed) return ctx.show({ result: crossed });
  await s.change({
    wire: 'kube',
    what: 'cordon',
    confirm: cordonConfirmation(ctx.cluster, chosen, s.mode.dryRun),
    run: async (_progress, signal) => {
      const outcomes = await cordonNodes(
        chosen.map((n) => n.name),
        nodeWrites(s, signal),
      );
      const reported = report(outcomes);
      // Sent without a known outcome: offered for uncordon whenever a look shows it cordoned.
      const unknown = outcomes.flatMap((o) =>
        o.outcome === 'unknown' ? [[o.node, o.settlesAt ?? Date.now()] as const] : [],
      );
      s.set({
        leftCordoned: [...new Set([...s.state.leftCordoned, ...reported.done])],
        maybeCordoned: { ...s.state.maybeCordoned, ...Object.fromEntries(unknown) },
      });
      return reported;
    },
    verify: 'after',
    done: ({ lines, done, failed }) => ({
      result: lines,
      failed,
      ...(done.length > 0 ? { changed: `cordoned ${plural(done.length, 'node')}` } : {}),
    }),
  });
}

/** The result lines, the nodes really changed, and whether any node failed. */
function report(outcomes: readonly CordonOutcome[]) {
  return {
    lines: outcomes.map((o) => o.line),
    done: changedNodes(outcomes),
    failed: outcomes.some((o) => o.outcome === 'failed'),
  };
}
