import { armOf, azClusterArgs, readManagedCluster } from '../../azure/managed-cluster.js';
import { putManagedCluster } from '../../azure/put-cluster.js';
import { azProvisioningState } from '../../model/equivalent-commands.js';
import { OutcomeUnknown, messageOf, sentWords } from '../../model/errors.js';
import type { StepSession } from '../lifecycle/step-session.js';
import type { DefenderInspection } from './inspect.js';
import {
  WORKSPACE_NEEDED,
  defenderAlreadyOn,
  describeDefenderPlan,
  planEnableDefender,
  putAlsoReconciles,
  workspaceWords,
} from './plan.js';
import type { ManagedCluster } from '@azure/arm-containerservice';
import type { DefenderScreenState } from './state.js';

type Session = StepSession<DefenderInspection, DefenderScreenState>;

/**
 * Enables Defender for Containers with the chosen workspace: the cluster read again right before
 * (the body is the cluster as it is now, guarded by its eTag), a typed confirmation (a paid
 * plan), the PUT followed to its end, and a fresh read that says whether it is on.
 */
export async function enableDefender(s: Session, pollMs: number | undefined): Promise<void> {
  const ws = s.state.workspace;
  const { ctx } = s;
  // ARM refuses Defender enabled without a workspace; the key is not offered then, and this
  // holds if it ever runs anyway: nothing is read or sent.
  if (!ws) {
    ctx.show({ result: [`✖ Not sent: ${WORKSPACE_NEEDED}.`] });
    return;
  }
  const arm = armOf(ctx.connection, 'reads and changes the cluster in Azure');
  const fresh = await readManagedCluster(arm, ctx.signal);
  if ('forbidden' in fresh) {
    ctx.show({ result: [`✖ ${fresh.forbidden}`] });
    return;
  }
  const already = defenderAlreadyOn(fresh.cluster, ws?.id);
  if (already) {
    // Nothing is sent: the wanted state is there, or another workspace is not silently replaced.
    const now = ws?.id ?? reportsTo(fresh.cluster);
    ctx.show({
      result:
        already === 'same'
          ? [
              `✔ Already in place: Defender for Containers is on, reporting to ${now}. Nothing was sent.`,
            ]
          : [
              `✖ Defender for Containers is already on, reporting to ${already.reportsTo}, not ${ws?.id ?? '?'}.`,
              'Nothing was changed: moving it to another workspace is a decision of its own (az aks update --defender-config).',
            ],
    });
    await s.look();
    return;
  }
  const plan = planEnableDefender(fresh.cluster, ws.id);
  // The whole cluster is PUT: on a Failed cluster that is also a reconcile, said before asking.
  const alsoReconciles = putAlsoReconciles(fresh.cluster);
  const target = `Log Analytics workspace ${workspaceWords(ws.id)}, ${ws.from}`;
  await s.change({
    wire: 'arm',
    what: 'the PUT that enables Defender',
    plan: describeDefenderPlan(plan),
    dryRun: ['Dry run: the PUT above was not sent. Nothing changed.'],
    dryRunDetail: { workspace: ws.id },
    confirm: {
      cluster: ctx.cluster,
      change: `Enable Microsoft Defender for Containers on ${ctx.cluster}: a paid plan, billed per vCore ${s.mode.dryRun ? 'once enabled for real' : 'from now on'}`,
      details: [
        `Reports to ${target}.`,
        // A dry run says what it does, not what only the real change would.
        s.mode.dryRun
          ? 'Dry run: the PUT is shown and journaled, not sent; nothing is deployed or billed.'
          : 'Sends one PUT of the cluster to Azure; AKS then deploys the Defender sensor to every node.',
        `Same as: az aks update ${azClusterArgs(arm.at)} --enable-defender --defender-config <file with this workspace>`,
        ...(alsoReconciles ? [alsoReconciles] : []),
      ],
      typed: ctx.cluster,
    },
    run: async (progress, signal) => {
      progress('Sending the PUT to Azure…');
      try {
        await ctx.journal.mutation(
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
              onStatus: (status) => progress(`Azure operation: ${status}`),
              signal,
              pollMs,
            }),
        );
      } catch (error) {
        // Azure's answer never heard: neither refused nor done (and maybe never sent).
        if (error instanceof OutcomeUnknown) {
          const heard = error.heard ?? { accepted: false, why: error.message };
          return { unknown: error.message, accepted: heard.accepted };
        }
        const message = messageOf(error);
        if ((error as { notSent?: boolean }).notSent === true) return { notSent: message };
        const { statusCode, code } = error as { statusCode?: number; code?: string };
        if (statusCode === 403) ctx.connection.rights.learn('arm.cluster.write', message);
        // The cluster changed after it was read (If-Match 412, AKS's 409 EtagMismatch).
        const stale = statusCode === 412 || (statusCode === 409 && code === 'EtagMismatch');
        return { refused: message, stale };
      }
      progress('Operation finished; reading the cluster again to verify.');
      return {};
    },
    done: (outcome, facts) => {
      // Failed (the status says so until seen); an unknown outcome is not a failure.
      if (outcome.notSent)
        return {
          result: [
            `✖ The PUT that enables Defender was not sent: ${outcome.notSent}`,
            'Nothing was sent to Azure; nothing changed.',
          ],
          failed: true,
        };
      if (outcome.refused)
        return {
          result: [
            `✖ ${outcome.refused}`,
            // e reads the cluster again before it asks, so the next PUT carries what is there now.
            ...(outcome.stale
              ? [
                  'Press e to read the cluster again and be asked again: the PUT then carries the cluster as it is now.',
                ]
              : []),
          ],
          failed: true,
        };
      if (outcome.unknown)
        return {
          result: [
            `⚠ The PUT that enables Defender ${sentWords(outcome.accepted === true)}; its outcome is unknown. ${capitalized(outcome.unknown)}`,
            outcome.accepted
              ? 'It may still be running in Azure: nothing here stopped or undid it.'
              : 'It may be running in Azure, or may never have started: do not send it again before checking.',
            `Check it: ${azProvisioningState(arm.at)} (Updating: still running; Succeeded or Failed: how it ended), then press r to read the cluster again.`,
          ],
        };
      if (!facts)
        return {
          result: [
            'Sent: the PUT that enables Defender for Containers; Azure reported its operation finished.',
          ],
          changed: 'Enabled Defender for Containers',
        };
      return facts.facts?.enabled === true
        ? {
            result: [
              `✔ Verified: Defender for Containers is on, reporting to ${facts.facts.workspace ?? ws.id}.`,
            ],
            changed: 'Enabled Defender for Containers',
          }
        : { result: ['✖ The operation finished but the cluster still reports Defender off.'] };
    },
  });
}

/** The workspace the cluster's Defender reports to, as read. */
function reportsTo(mc: ManagedCluster): string {
  return mc.securityProfile?.defender?.logAnalyticsWorkspaceResourceId || 'its workspace';
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
