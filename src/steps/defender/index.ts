import { isWorkspaceId } from '../../checks/defender/defender.js';
import { whyNot } from '../../checks/rights/answers.js';
import { defineStep } from '../lifecycle/define.js';
import { enableDefender } from './enable.js';
import { WORKSPACE_NEEDED, workspaceWords } from './plan.js';
import { inspectDefender, type DefenderInspection } from './inspect.js';
import type { DefenderEvent, DefenderScreenState } from './state.js';

/** Options for tests: a short poll interval when the simulated ARM gives no Retry-After. */
export interface DefenderOptions {
  pollMs?: number;
}

const NOT_A_WORKSPACE =
  'not a workspace resource id: /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.OperationalInsights/workspaces/<name>';

/**
 * The defender step: Defender for Containers on the cluster, and optionally turning it on with a
 * workspace that is known or typed, behind a typed confirmation (a paid plan).
 */
export function makeDefenderStep(options: DefenderOptions = {}) {
  return defineStep<DefenderInspection, DefenderScreenState, DefenderEvent>({
    id: 'defender',
    inspect: inspectDefender,
    initial: { asking: false },
    seen: async (s, seen) => {
      const denied = s.mode.readOnly
        ? undefined
        : whyNot(await s.ctx.connection.rights.answers(), ['arm.cluster.write']);
      const workspace = s.state.typed ?? seen.facts.facts?.known;
      s.set({ denied, workspace });
      const using = seen.facts.facts?.enabled
        ? []
        : workspace
          ? [`Enabling would use: ${workspaceWords(workspace.id)}, ${workspace.from}`]
          : [
              // Read-only offers no w key: the hint would name a key that does nothing.
              `Enabling needs a Log Analytics workspace: none is tied to this cluster${s.mode.readOnly ? '.' : ' (w: give one).'}`,
            ];
      return { summary: [...(seen.summary ?? []), ...using] };
    },
    actions: (s) => {
      const facts = s.facts?.facts;
      if (!facts) return [];
      const ws = s.state.workspace;
      const off = facts.enabled ? 'Defender is already on' : s.state.denied;
      return [
        {
          key: 'e',
          label: ws
            ? `Enable Defender for Containers (paid plan), reporting to ${workspaceWords(ws.id)}`
            : 'Enable Defender for Containers (paid plan)',
          unavailable: off ?? (ws ? undefined : WORKSPACE_NEEDED),
          run: (run) => enableDefender(run, options.pollMs),
        },
        {
          key: 'w',
          label: ws ? 'Use another Log Analytics workspace' : 'Enter a Log Analytics workspace id',
          unavailable: off,
          run: (run) => run.set({ asking: true, error: undefined }),
        },
        {
          key: 'r',
          looksAgain: true,
          label: 'Look again (re-read the cluster from Azure)',
          run: (run) => run.look(),
        },
      ];
    },
    on: {
      workspace: async (event, s) => {
        if (!isWorkspaceId(event.id)) return s.set({ error: NOT_A_WORKSPACE });
        s.set({
          typed: { id: event.id.trim(), from: 'typed by you' },
          asking: false,
          error: undefined,
        });
        await s.look();
      },
      'workspace-cancel': (_event, s) => s.set({ asking: false, error: undefined }),
    },
  });
}

/** The defender step with the product's timings. */
export const defenderStep = makeDefenderStep();
