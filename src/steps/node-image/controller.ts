import type { ImagePool, NodeImageFacts } from '../../checks/nodeimage/facts.js';
import { isRunningState } from '../../checks/versions/preflight.js';
import { postAbort, postNodeImageUpgrade } from '../../azure/upgrade-ops.js';
import { runOperation } from '../rotation/run-operation.js';
import type { StepContext, StepController, StepFactory } from '../lifecycle/legacy.js';
import type { StepActionView } from '../contract/view.js';
import type { UpgradesOptions } from '../upgrades/controller.js';
import { inspectNodeImage } from './inspect.js';
import type { NodeImageState } from './state.js';

/** The drain step hand-over for nodes that need a reboot, in words. */
export const REBOOT_HANDOVER = [
  'To reboot the nodes kured marked: open the drain step (d) and choose "nodes needing a reboot";',
  'then reboot each one outside Kubernetes, e.g. az vmss restart -g <node resource group> -n <scale set> --instance-ids <id>,',
  'wait for it to be Ready, and uncordon it (the drain step offers that). Do not uncordon a node kured is draining.',
];

/** The node-image step's controller: one pool's node image upgraded at a time, with live progress. */
export function nodeImageController(opts: UpgradesOptions = {}): StepFactory {
  return (ctx: StepContext): StepController => {
    let facts: NodeImageFacts | undefined;
    const timing = { updateIntervalInMs: opts.updateIntervalInMs ?? 2000 };
    const behind = (): ImagePool[] =>
      (facts?.pools ?? []).filter(
        (p) => p.latestNodeImageVersion && p.nodeImageVersion !== p.latestNodeImageVersion,
      );
    const running = (): ImagePool | undefined =>
      facts?.pools.find((p) => isRunningState(p.provisioningState));

    const actions = (): StepActionView[] => {
      if (ctx.mode.readOnly || !facts) return [];
      const list: StepActionView[] = facts.pools.slice(0, 9).map((p, i) => ({
        key: String(i + 1),
        label: `Upgrade the node image of pool ${p.name}${p.osType === 'Windows' ? ' (Windows)' : ''}`,
        ...(behind().includes(p) ? {} : { unavailable: 'already on the latest node image' }),
      }));
      const busy = running();
      list.push(
        {
          key: 'a',
          label: 'Abort the running operation',
          ...(busy ? {} : { unavailable: 'nothing is running' }),
        },
        { key: 'b', label: 'Reboot nodes that need it (how, with the drain step)' },
        { key: 'd', label: 'Open the drain step (nodes needing a reboot, blocked drains)' },
        { key: 'r', label: 'Look again' },
      );
      return list;
    };

    const inspect = async (): Promise<void> => {
      ctx.status({ kind: 'running' });
      const seen = await inspectNodeImage(ctx);
      facts = seen.facts;
      ctx.show({ summary: seen.summary, findings: seen.findings, actions: actions() });
      ctx.status(
        seen.findings.length ? { kind: 'findings', count: seen.findings.length } : { kind: 'ok' },
      );
    };

    const upgrade = async (pool: ImagePool): Promise<void> => {
      const latest = pool.latestNodeImageVersion ?? '';
      const plan = [
        `POST …/agentPools/${pool.name}/upgradeNodeImageVersion (no body)`,
        `Pool ${pool.name}: ${pool.nodeImageVersion ?? '?'} → ${latest}; ${pool.nodes.length} node(s) surged, cordoned, drained and reimaged, same Kubernetes version.`,
      ];
      if (ctx.mode.dryRun) {
        await ctx.journal.note(
          ctx.id,
          `dry run: node image upgrade of ${pool.name} shown, not sent`,
        );
        ctx.show({ plan, result: ['Dry run: this request was not sent; nothing changed.'] });
        return;
      }
      ctx.show({ plan, progress: undefined, result: undefined });
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: `Upgrade the node image of pool ${pool.name} on ${ctx.cluster} to ${latest} (every node is drained and reimaged)`,
        details: plan,
        typed: ctx.cluster,
      });
      if (!yes) return void ctx.show({ result: ['Cancelled: nothing was sent.'] });
      await operate(
        'upgrade node image',
        pool.name,
        `Node image upgrade of pool ${pool.name}`,
        { image: latest },
        () =>
          postNodeImageUpgrade(
            ctx.connection.arm!.client,
            ctx.connection.arm!.at,
            pool.name,
            timing,
          ),
      );
    };

    const operate = async (
      action: string,
      pool: string,
      what: string,
      target: { image?: string },
      start: () => ReturnType<typeof postAbort>,
    ): Promise<void> => {
      const started = Date.now();
      const done = await runOperation(ctx, {
        intent: { step: ctx.id, action, target: `agentPool/${pool}` },
        what,
        ...(target.image ? { pool } : {}),
        target,
        start,
        onUpdate: (r) => ctx.setState({ rotation: r } satisfies NodeImageState),
        ...(opts.nodePollMs ? { pollMs: opts.nodePollMs } : {}),
      });
      await inspect();
      ctx.show({ result: [...done.lines, `Took ${Math.round((Date.now() - started) / 1000)} s.`] });
      if (done.ending.kind === 'succeeded') ctx.status({ kind: 'changed', what });
    };

    const abort = async (pool: ImagePool): Promise<void> => {
      if (ctx.mode.dryRun)
        return void ctx.show({ result: [`Dry run: the abort on pool ${pool.name} was not sent.`] });
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: `Abort the running operation on pool ${pool.name} (nodes already done stay done)`,
      });
      if (!yes) return void ctx.show({ result: ['Cancelled: nothing was sent.'] });
      await operate('abort latest operation', pool.name, `Abort on pool ${pool.name}`, {}, () =>
        postAbort(ctx.connection.arm!.client, ctx.connection.arm!.at, pool.name, timing),
      );
    };

    return {
      open: async () => {
        if (!facts) await inspect();
      },
      send: async (event) => {
        if (ctx.mode.readOnly || !facts || event.type !== 'action') return;
        const offered = actions().find((a) => a.key === event['key']);
        if (!offered || offered.unavailable) return;
        const key = String(event['key']);
        if (key === 'r') return inspect();
        if (key === 'b') return void ctx.show({ plan: REBOOT_HANDOVER, result: undefined });
        if (key === 'd') return ctx.openStep('drain');
        const busy = running();
        if (key === 'a' && busy) return abort(busy);
        const pool = facts.pools[Number(key) - 1];
        if (pool) return upgrade(pool);
      },
    };
  };
}
