import { azNodeImageUpgrade } from '../../model/equivalent-commands.js';
import type { ImagePool, NodeImageFacts } from '../../checks/nodeimage/facts.js';
import { imageStatus } from '../../checks/nodeimage/image-version.js';
import { isWindowsOs } from '../../checks/arm-enums.js';
import { postNodeImageUpgrade } from '../../azure/upgrade-ops.js';
import { defineStep } from '../lifecycle/define.js';
import type { StepAction } from '../lifecycle/definition.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { abortAction, refusalNow } from '../rotation/abort-action.js';
import { drainConflict } from '../rotation/board-fold.js';
import { drainRulesOf } from '../rotation/estimate.js';
import { lroTiming, operationChange, type OperationTimings } from '../rotation/operation-change.js';
import { inspectNodeImage } from './inspect.js';
import { nodeImageDrainLines } from './drain-lines.js';
import { nodeImagePlan } from './plan.js';
import type { NodeImageState } from './state.js';

type Session = StepSession<NodeImageFacts, NodeImageState>;

/** The drain step hand-over for nodes that need a reboot, in words. */
const REBOOT_HANDOVER = [
  'To reboot the nodes kured marked: open the drain step (d) and choose "nodes needing a reboot";',
  'then reboot each one outside Kubernetes, e.g. az vmss restart -g <node resource group> -n <scale set> --instance-ids <id>,',
  'wait for it to be Ready, and uncordon it (the drain step offers that). Do not uncordon a node kured is draining.',
];

/**
 * Why a pool's node image upgrade is not offered, or undefined when it is: offered when the image
 * is behind the latest AKS offers, or when only the pool's own version is unreported.
 */
function notOffered(p: ImagePool): string | undefined {
  const status = imageStatus(p);
  if (status === 'behind' || (status === 'unknown' && p.latestNodeImageVersion?.trim()))
    return undefined;
  return status === 'current'
    ? 'already on the latest node image'
    : 'the newest node image for this pool is not known (upgrade profile)';
}

/** Upgrades one pool's node image: every node surged, cordoned, drained and reimaged. */
async function upgradeImage(s: Session, pool: ImagePool, t: OperationTimings): Promise<void> {
  const { ctx } = s;
  const arm = ctx.connection.arm!;
  const latest = pool.latestNodeImageVersion ?? '';
  const { lines: plan, change } = nodeImagePlan(pool, ctx.cluster);
  // Every node is drained as in a version upgrade: the budgets that would hold it, asked fresh.
  const drains = await nodeImageDrainLines(ctx.connection, pool);
  await s.change(
    operationChange(
      ctx,
      {
        intent: { step: ctx.id, action: 'upgrade node image', target: `agentPool/${pool.name}` },
        what: `Node image upgrade of pool ${pool.name}`,
        pool: pool.name,
        target: { image: latest },
        drain: drainRulesOf(pool.drain, ctx.connection.timeScale),
        start: (abortSignal) =>
          postNodeImageUpgrade(arm.client, arm.at, pool.name, { ...lroTiming(t), abortSignal }),
        onUpdate: (rotation) => s.set({ rotation }),
        ...(t.nodePollMs ? { pollMs: t.nodePollMs } : {}),
      },
      {
        plan,
        confirm: {
          cluster: ctx.cluster,
          change,
          details: [...plan, ...drains],
          commands: [azNodeImageUpgrade(arm.at, pool.name, s.mode.dryRun)],
          typed: ctx.cluster,
        },
        dryRunWhat: `node image upgrade of ${pool.name}`,
        dryRun: ['Dry run: this request was not sent; nothing changed.'],
      },
      { again: () => upgradeImage(s, pool, t) },
    ),
  );
}

/** One key per pool (the first nine), then abort, reboots, the drain step, look again. */
function actions(
  s: Session,
  t: OperationTimings,
): Array<StepAction<NodeImageFacts, NodeImageState>> {
  const pools = s.facts?.pools ?? [];
  const refused = refusalNow(s.ctx.operations, { pools });
  return [
    ...pools.slice(0, 9).map((p, i) => ({
      key: String(i + 1),
      label: `Upgrade the node image of pool ${p.name}${isWindowsOs(p.osType) ? ' (Windows)' : ''}`,
      unavailable: notOffered(p) ?? refused ?? drainConflict(s.ctx.operations?.draining, p.name),
      run: (run: Session) => upgradeImage(run, p, t),
    })),
    abortAction(s, { pools }, t),
    {
      key: 'b',
      label: 'Reboot nodes that need it (how, with the drain step)',
      run: (run) => run.ctx.show({ plan: REBOOT_HANDOVER, result: undefined }),
    },
    {
      key: 'd',
      label: 'Open the drain step (nodes needing a reboot, blocked drains)',
      run: (run) => run.ctx.openStep('drain'),
    },
    {
      key: 'r',
      looksAgain: true,
      label: 'Look again (re-read pools and operations)',
      run: async (run) => {
        // ARM is read again on r: an operation someone else started shows at once.
        await run.ctx.operations?.readArm().catch(() => undefined);
        await run.retryOrLook();
      },
    },
  ];
}

/** The node-image step with its timing options (tests run the simulator fast). */
export function makeNodeImageStep(t: OperationTimings = {}) {
  return defineStep<NodeImageFacts, NodeImageState>({
    id: 'node-image',
    inspect: inspectNodeImage,
    initial: {},
    actions: (s) => actions(s, t),
  });
}

/** The node-image step: pools behind the latest image, channels, reboots; pool-by-pool upgrades. */
export const nodeImageStep = makeNodeImageStep();
