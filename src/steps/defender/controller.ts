import { isWorkspaceId, type KnownWorkspace } from '../../checks/defender/defender.js';
import type { DefenderScreenState } from './state.js';
import { whyNot } from '../../checks/rights/answers.js';
import { armOf, azClusterArgs, readManagedCluster } from '../../azure/managed-cluster.js';
import { putManagedCluster } from '../../azure/put-cluster.js';
import { messageOf } from '../../model/errors.js';
import type { StepContext, StepController, StepFactory } from '../lifecycle/legacy.js';
import type { StepActionView } from '../contract/view.js';
import type { StepEvent } from '../lifecycle/legacy.js';
import { inspectDefender, type DefenderInspection } from './inspect.js';
import { describeDefenderPlan, planEnableDefender } from './plan.js';

/** Options for tests: a short poll interval when the simulated ARM gives no Retry-After. */
export interface DefenderOptions {
  pollMs?: number;
}

/**
 * The defender step: inspect, then optionally enable Defender for Containers with a workspace
 * that is known or typed, behind a typed confirmation (a paid plan), and verify by reading again.
 */
export function defenderController(options: DefenderOptions = {}): StepFactory {
  return (ctx: StepContext): StepController => {
    let seen: DefenderInspection | undefined;
    let typed: KnownWorkspace | undefined;
    const screen: DefenderScreenState = { asking: false };
    const workspace = () => typed ?? seen?.facts?.known;
    const publish = () => ctx.setState({ ...screen, workspace: workspace() });

    const actions = async (): Promise<StepActionView[]> => {
      const facts = seen?.facts;
      if (ctx.mode.readOnly || !facts) return [];
      const denied = whyNot(await ctx.connection.rights.answers(), ['arm.cluster.write']);
      const off = facts.enabled ? 'Defender is already on' : denied;
      return [
        {
          key: 'e',
          label: 'Enable Defender for Containers (paid plan)',
          unavailable:
            off ?? (workspace() ? undefined : 'no Log Analytics workspace known: press w first'),
        },
        {
          key: 'w',
          label: workspace()
            ? 'Use another Log Analytics workspace'
            : 'Enter a Log Analytics workspace id',
          unavailable: off,
        },
      ];
    };

    const inspect = async (): Promise<void> => {
      ctx.status({ kind: 'running' });
      const result = await inspectDefender(ctx);
      seen = result.facts;
      const ws = workspace();
      const using = ws && !seen.facts?.enabled ? [`Enabling would use: ${ws.id} (${ws.from})`] : [];
      ctx.show({
        summary: [...(result.summary ?? []), ...using],
        findings: result.findings,
        actions: await actions(),
      });
      ctx.status(
        result.findings.length > 0
          ? { kind: 'findings', count: result.findings.length }
          : { kind: 'ok' },
      );
      publish();
    };

    const takeWorkspace = async (id: string): Promise<void> => {
      if (!isWorkspaceId(id)) {
        screen.error =
          'not a workspace resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>';
        publish();
        return;
      }
      typed = { id: id.trim(), from: 'typed by you' };
      screen.asking = false;
      screen.error = undefined;
      await inspect();
    };

    const enable = async (): Promise<void> => {
      const ws = workspace();
      const usable = (await actions()).find((a) => a.key === 'e');
      if (!ws || !usable || usable.unavailable) return;
      const arm = armOf(ctx.connection, 'reads and changes the cluster in Azure');
      // Read again right before the PUT: the body is the cluster as it is now, guarded by its eTag.
      const fresh = await readManagedCluster(arm, ctx.signal);
      if ('forbidden' in fresh) {
        ctx.show({ result: [`✖ ${fresh.forbidden}`] });
        return;
      }
      const plan = planEnableDefender(fresh.cluster, ws.id);
      ctx.show({ plan: describeDefenderPlan(plan), progress: undefined, result: undefined });
      const yes = await ctx.confirm({
        cluster: ctx.cluster,
        change: `Enable Microsoft Defender for Containers on ${ctx.cluster}: a paid plan, billed per vCore from now on`,
        details: [
          `Reports to Log Analytics workspace ${ws.id} (${ws.from}).`,
          ctx.mode.dryRun
            ? 'Dry run: the request is shown, not sent.'
            : 'Sends one PUT of the cluster to Azure; AKS then deploys the Defender sensor to every node.',
          `Same as: az aks update ${azClusterArgs(arm.at)} --enable-defender --defender-config <file with this workspace>`,
        ],
        typed: ctx.cluster,
      });
      if (!yes) {
        ctx.show({ result: ['Cancelled: nothing was changed.'] });
        return;
      }
      if (ctx.mode.dryRun) {
        await ctx.journal.note('defender', 'dry run: enabling Defender was not sent', {
          workspace: ws.id,
        });
        ctx.show({ result: ['Dry run: the PUT above was not sent. Nothing changed.'] });
        return;
      }
      const progress = ['Sending the PUT to Azure…'];
      const report = (line: string) => {
        progress.push(line);
        ctx.show({ progress: [...progress] });
      };
      ctx.show({ progress: [...progress] });
      try {
        await ctx.busy((signal) =>
          ctx.journal.mutation(
            {
              step: 'defender',
              action: 'enable defender',
              target: `managedCluster/${ctx.cluster}`,
              detail: { workspace: ws.id },
            },
            () =>
              putManagedCluster(arm, {
                body: plan.body,
                eTag: plan.eTag,
                onStatus: (status) => report(`Azure operation: ${status}`),
                signal,
                pollMs: options.pollMs,
              }),
          ),
        );
      } catch (error) {
        const message = messageOf(error);
        if ((error as { statusCode?: number }).statusCode === 403) {
          ctx.connection.rights.learn('arm.cluster.write', message);
        }
        await inspect();
        ctx.show({ result: [`✖ ${message}`] });
        return;
      }
      report('Operation finished; reading the cluster again to verify.');
      await inspect();
      const on = seen?.facts?.enabled === true;
      ctx.show({
        result: on
          ? [`✔ Verified: Defender for Containers is on, reporting to ${ws.id}.`]
          : ['✖ The operation finished but the cluster still reports Defender off.'],
      });
      if (on) ctx.status({ kind: 'changed', what: 'Enabled Defender for Containers' });
    };

    const send = async (event: StepEvent): Promise<void> => {
      if (ctx.mode.readOnly || !seen) return;
      if (event.type === 'action' && event.key === 'e') return enable();
      if (event.type === 'action' && event.key === 'w') {
        const usable = (await actions()).find((a) => a.key === 'w');
        if (!usable || usable.unavailable) return;
        screen.asking = true;
        screen.error = undefined;
        return publish();
      }
      if (event.type === 'workspace' && typeof event['id'] === 'string') {
        return takeWorkspace(event['id']);
      }
      if (event.type === 'workspace-cancel') {
        screen.asking = false;
        screen.error = undefined;
        publish();
      }
    };

    return {
      open: async () => {
        if (!seen) await inspect();
      },
      send,
    };
  };
}
