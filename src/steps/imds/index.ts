import { defaultScope } from '../../checks/imds/assess.js';
import { engineTraits, ipv6PodsIn } from '../../checks/imds/engine.js';
import { proposalsFor } from '../../checks/imds/proposals.js';
import { listMatches } from '../../model/list-filter.js';
import { plural } from '../../model/plural.js';
import { defineStep } from '../lifecycle/define.js';
import { applyFlow, rollbackFlow } from './apply-flow.js';
import { fixRulesFlow } from './fix-flow.js';
import { inspectImds, type ImdsInspected } from './inspect.js';
import { probeFlow } from './probe-flow.js';
import { refresh } from './refresh.js';
import { networkPolicyRights } from './rights.js';
import { lookedAt, type ImdsSession } from './session.js';
import type { ImdsEvent, ImdsState } from './state.js';

/** After each look: the default scope (once), the checked fixes, the rights, then the table. */
async function seen(s: ImdsSession, forbidden: string | undefined): Promise<void> {
  if (forbidden !== undefined) {
    return s.set({ phase: 'ready', forbidden, apply: undefined, rollback: undefined });
  }
  const { facts, assessment } = lookedAt(s)!;
  const readOnly = s.mode.readOnly;
  s.set({
    // Probe results answer the policies as they were: a new look makes them stale.
    probes: undefined,
    chosen: s.state.chosen ?? [...defaultScope(assessment)],
    proposals: readOnly
      ? new Map()
      : proposalsFor(facts, assessment, engineTraits(facts.engine, ipv6PodsIn(facts.pods))),
    rights: readOnly
      ? new Map()
      : await networkPolicyRights(
          s.ctx.connection.rights,
          facts.namespaces.map((n) => n.name),
        ),
  });
  refresh(s);
}

/**
 * The imds step: proves per namespace whether pods can reach 169.254.169.254, and closes it:
 * apply the blocking policy to chosen namespaces, roll back, fix a rule that re-opens it, probe.
 */
export const imdsStep = defineStep<ImdsInspected, ImdsState, ImdsEvent>({
  id: 'imds',
  inspect: inspectImds,
  initial: {
    phase: 'inspecting',
    engine: '',
    rows: [],
    filter: '',
    proposals: new Map(),
    rights: new Map(),
  },
  seen: async (s, look) => {
    await seen(s, 'forbidden' in look.facts ? look.facts.forbidden : undefined);
  },
  // The screen draws these keys itself (ImdsActions); here they are what the lifecycle runs.
  actions: (s) =>
    lookedAt(s) && s.state.phase === 'ready'
      ? [
          {
            key: 'a',
            label: 'Apply the blocking policy',
            unavailable: s.state.apply?.unavailable,
            run: applyFlow,
          },
          {
            key: 'r',
            label: 'Roll back our policies',
            unavailable: s.state.rollback?.unavailable,
            run: rollbackFlow,
          },
          {
            key: 'p',
            label: 'Probe the chosen namespaces',
            unavailable: s.state.probe?.unavailable,
            run: probeFlow,
          },
          // The way out of stale (e.g. after a change whose verifying look failed).
          { key: 'l', label: 'Look again', looksAgain: true, run: (run) => run.look() },
        ]
      : [],
  working: (s, running) => {
    if (running) s.set({ phase: 'running' });
    else if (s.state.phase === 'running') s.set({ phase: 'ready' });
  },
  on: {
    filter: async (event, s) => {
      if (s.state.phase !== 'ready') return;
      s.set({ filter: event.text });
      // A kept filter drops the namespaces it hides from the choice, as the drain table does:
      // `a` and `p` act only on namespaces the operator can see.
      const chosen = s.state.chosen ?? [];
      const hidden = chosen.filter((ns) => !listMatches(ns, event.text));
      if (hidden.length === 0) return;
      s.set({ chosen: chosen.filter((ns) => !hidden.includes(ns)) });
      s.ctx.show({
        result: [
          `The filter hides ${plural(hidden.length, 'included namespace')} (${hidden.join(', ')}): ${hidden.length === 1 ? 'it is' : 'they are'} no longer included.`,
        ],
      });
      await s.ctx.journal.note(
        'imds',
        `excluded ${plural(hidden.length, 'namespace')} hidden by the filter`,
        {
          namespaces: hidden,
        },
      );
      refresh(s);
    },
    toggle: async (event, s) => {
      if (s.state.phase !== 'ready' || !s.state.chosen) return;
      const chosen = new Set(s.state.chosen);
      const ns = event.namespace;
      if (chosen.has(ns)) chosen.delete(ns);
      else chosen.add(ns);
      s.set({ chosen: [...chosen] });
      await s.ctx.journal.note(
        'imds',
        `${chosen.has(ns) ? 'included' : 'excluded'} namespace ${ns}`,
      );
      refresh(s);
    },
    fix: async (event, s) => {
      if (s.state.phase === 'ready' && !s.mode.readOnly) await fixRulesFlow(s, event.namespace);
    },
  },
});
