import type { DrainFacts } from '../../checks/drain/findings.js';
import { listAllDaemonSets } from '../../kube/lists.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { cordonConfirmation, uncordonConfirmation } from './confirmations.js';
import { crossing } from './crossing.js';
import { kuredLockOf } from './facts.js';
import { cordonNodes, uncordonNodes } from './run/uncordon.js';
import type { DrainState } from './state.js';
import { plural } from '../../model/plural.js';

type Session = StepSession<DrainFacts, DrainState>;

/** Uncordons the named nodes after their confirmation (kured's lock read right before asking). */
export async function uncordon(s: Session, names: string[]): Promise<void> {
  const { state, ctx } = s;
  if (s.mode.readOnly || state.rights.cordon || state.phase === 'running') return;
  // Read kured's lock right before asking: it may have taken the node since the table loaded.
  const lock = kuredLockOf(await listAllDaemonSets(ctx.connection.kc).catch(() => []));
  const chosen = state.nodes
    .filter((n) => names.includes(n.name))
    .map((n) => ({ ...n, kuredLock: n.kuredLock || lock.includes(n.name) }));
  if (chosen.length === 0) return;
  const crossed = crossing(s, chosen);
  if (crossed) return ctx.show({ result: crossed });
  await s.change({
    wire: 'kube',
    what: 'uncordon',
    confirm: uncordonConfirmation(ctx.cluster, chosen),
    cancelled: ['Kept cordoned: nothing was changed.'],
    run: async (_progress, signal) => {
      const lines = await uncordonNodes(
        chosen.map((n) => n.name),
        {
          kc: ctx.connection.kc,
          server: ctx.connection.kubeServer,
          journal: ctx.journal,
          dryRun: s.mode.dryRun,
          signal,
        },
      );
      const done = s.mode.dryRun ? [] : chosen.map((n) => n.name);
      // An uncordoned node is no longer "an interrupted drain to continue".
      s.set({
        leftCordoned: s.state.leftCordoned.filter((n) => !done.includes(n)),
        resume: undefined,
      });
      return lines;
    },
    verify: 'after',
    done: (lines) => ({ result: lines }),
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
    confirm: cordonConfirmation(ctx.cluster, chosen),
    run: async (_progress, signal) => {
      const lines = await cordonNodes(
        chosen.map((n) => n.name),
        {
          kc: ctx.connection.kc,
          server: ctx.connection.kubeServer,
          journal: ctx.journal,
          dryRun: s.mode.dryRun,
          signal,
        },
      );
      const done = s.mode.dryRun
        ? []
        : chosen.map((n) => n.name).filter((n) => lines.some((l) => l === `✔ ${n} cordoned`));
      s.set({ leftCordoned: [...new Set([...s.state.leftCordoned, ...done])] });
      return { lines, done };
    },
    verify: 'after',
    done: ({ lines, done }) => ({
      result: lines,
      ...(done.length > 0 ? { changed: `cordoned ${plural(done.length, 'node')}` } : {}),
    }),
  });
}
