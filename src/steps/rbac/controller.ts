import { isGuid } from '../../model/guid.js';
import { bindingLabel } from '../../checks/rbac/types.js';
import type { StepContext, StepController } from '../lifecycle/legacy.js';
import type { StepActionView } from '../contract/view.js';
import type { StepEvent } from '../lifecycle/legacy.js';
import { exportPlan } from './export.js';
import { inspectRbac, type RbacStepFacts } from './inspect.js';
import { describePlan, planReplacement, type ReplacementPlan } from './plan.js';
import { replaceUnavailable } from './rights.js';
import { createGroupBinding, dryRunReplacement, removeUser, undoReplacement } from './run.js';
import type { CandidateView, RbacScreenState } from './state.js';
import { confirmation } from './confirmations.js';

/**
 * The rbac step: inspect, then let the operator pick a user bound directly, type an Entra group
 * object id, and replace the user with the group (dry run, create, remove; each confirmed and
 * journaled), export the proposed binding, or undo the last replacement.
 */
export function rbacController(ctx: StepContext): StepController {
  let facts: RbacStepFacts | undefined;
  let rights = new Map<string, string | undefined>();
  let plan: ReplacementPlan | undefined;
  let done: { plan: ReplacementPlan; userRemoved: boolean } | undefined;
  let error: string | undefined;

  const publish = () => {
    const candidates = (facts?.candidates ?? []).map((c): CandidateView => ({
      id: c.id,
      binding: bindingLabel(c.binding),
      user: c.user,
      userKind: c.userKind,
      role: c.role,
      adminLevel: c.adminLevel,
      ...(rights.get(c.id) ? { unavailable: rights.get(c.id) } : {}),
    }));
    const state: RbacScreenState = {
      candidates,
      excluded: facts?.review.excluded ?? [],
      canAct: !ctx.mode.readOnly,
      ...(plan ? { proposal: { candidate: plan.candidate.id, group: plan.group } } : {}),
      ...(error ? { error } : {}),
    };
    ctx.setState(state);
    ctx.show({ actions: actions() });
  };

  const actions = (): StepActionView[] => {
    if (ctx.mode.readOnly) return [];
    const out: StepActionView[] = [];
    if (plan) {
      const why = rights.get(plan.candidate.id);
      const verb = ctx.mode.dryRun
        ? 'Dry-run the replacement (nothing is stored)'
        : 'Replace the user with the group';
      out.push({ key: 'r', label: verb, ...(why ? { unavailable: why } : {}) });
      out.push({ key: 'e', label: 'Export the new binding as YAML (next to the journal)' });
    }
    if (done)
      out.push({
        key: 'u',
        label: `Undo: remove ${bindingLabel(done.plan.createdAt)}${done.userRemoved ? ` and bind ${done.plan.candidate.user} again` : ''}`,
      });
    return out;
  };

  const inspect = async () => {
    ctx.status({ kind: 'running' });
    const seen = await inspectRbac(ctx);
    facts = seen.facts;
    // Rights are asked per candidate, only when changes are possible at all.
    rights = new Map();
    if (!ctx.mode.readOnly)
      for (const c of facts.candidates)
        rights.set(c.id, await replaceUnavailable(ctx.connection.rights, c));
    ctx.show({ summary: seen.summary, findings: seen.findings });
    publish();
    ctx.status(
      seen.findings.length > 0 ? { kind: 'findings', count: seen.findings.length } : { kind: 'ok' },
    );
  };

  const propose = (candidateId: unknown, group: unknown) => {
    const candidate = facts?.candidates.find((c) => c.id === candidateId);
    const id = typeof group === 'string' ? group.trim().toLowerCase() : '';
    if (!candidate) error = 'That user binding is no longer there; inspect again.';
    else if (!isGuid(id))
      error = `"${String(group)}" is not an Entra group object id (a GUID like 6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f).`;
    else {
      error = undefined;
      plan = planReplacement(facts!.rbac, candidate, id);
      ctx.show({ plan: describePlan(plan), progress: undefined, result: undefined });
    }
    publish();
  };

  const replace = async (p: ReplacementPlan) => {
    const progress: string[] = [];
    const line = (l: string) => {
      progress.push(l);
      ctx.show({ progress: [...progress] });
    };
    ctx.show({ progress: [], result: undefined });
    const outcome = await ctx.busy(async () => {
      line('Server-side dry run…');
      await dryRunReplacement(ctx, p, line);
      if (ctx.mode.dryRun) return 'dry-run';
      if (!(await ctx.confirm(confirmation(ctx.cluster, p, 'create')))) return 'cancelled';
      await createGroupBinding(ctx, p, line);
      done = { plan: p, userRemoved: false };
      plan = undefined;
      if (!(await ctx.confirm(confirmation(ctx.cluster, p, 'remove')))) return 'created';
      await removeUser(ctx, p, line);
      done = { plan: p, userRemoved: true };
      return 'replaced';
    });
    if (outcome === 'dry-run' || outcome === 'cancelled') {
      ctx.show({
        result: [
          outcome === 'dry-run'
            ? 'Dry run only: the API server accepted both changes; nothing was stored.'
            : 'Cancelled: nothing was changed.',
        ],
      });
      return publish();
    }
    await inspect();
    const still = facts?.candidates.some((c) => c.id === p.candidate.id);
    const verdict =
      outcome === 'created'
        ? `${bindingLabel(p.createdAt)} was created; ${p.candidate.user} is still bound through ${bindingLabel(p.old)}. Press u to undo.`
        : still
          ? `✖ ${p.candidate.user} is still bound directly through ${bindingLabel(p.old)}.`
          : `✔ Verified: ${p.candidate.user} is no longer bound directly; group ${p.group} holds ${p.candidate.role}.`;
    ctx.show({ plan: undefined, result: [verdict] });
    ctx.status({
      kind: 'changed',
      what:
        outcome === 'created'
          ? `created ${bindingLabel(p.createdAt)}`
          : `replaced ${p.candidate.user} with a group`,
    });
  };

  const undo = async () => {
    const last = done!;
    if (!(await ctx.confirm(confirmation(ctx.cluster, last.plan, 'undo', last.userRemoved)))) {
      ctx.show({ result: ['Undo cancelled: nothing was changed.'] });
      return;
    }
    const progress: string[] = [];
    await ctx.busy(() =>
      undoReplacement(ctx, last.plan, last.userRemoved, (l) =>
        ctx.show({ progress: [...progress, l].slice(-5) }),
      ),
    );
    done = undefined;
    await inspect();
    ctx.show({ plan: undefined, result: ['✔ Undone: the bindings are as they were.'] });
  };

  return {
    open: async () => {
      if (!facts) await inspect();
    },
    send: async (event: StepEvent) => {
      if (ctx.mode.readOnly || !facts) return;
      if (event.type === 'propose') return propose(event['candidate'], event['group']);
      if (event.type === 'dismiss') {
        plan = undefined;
        ctx.show({ plan: undefined });
        return publish();
      }
      if (event.type !== 'action') return;
      if (event['key'] === 'r' && plan && !rights.get(plan.candidate.id)) return replace(plan);
      if (event['key'] === 'e' && plan) {
        const file = await exportPlan(ctx, plan);
        ctx.show({ result: [`Wrote ${file}`] });
        return;
      }
      if (event['key'] === 'u' && done) return undo();
    },
  };
}
