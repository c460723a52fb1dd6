import type { AuthorizationManagementClient } from '@azure/arm-authorization';
import type { StepSession } from '../lifecycle/step-session.js';
import { question, type AzureReplacementPlan, describeAzurePlan } from './azure-plan.js';
import { groupLabel } from './group-check.js';
import { readBackDiffers } from './read-back.js';
import type { RbacStepFacts } from './inspect.js';
import type { RbacScreenState } from './state.js';

type Session = StepSession<RbacStepFacts, RbacScreenState>;

/** Runs the plan: assign the group (confirmed), read it back, delete the user's (confirmed). */
export async function replaceAzureAssignment(s: Session, p: AzureReplacementPlan): Promise<void> {
  const { ctx } = s;
  const client = ctx.connection.arm?.authorization;
  const { assignment } = p.candidate;
  const scope = assignment.scope.replace(/^\//, '');
  const expected = {
    principalId: p.group,
    roleDefinitionId: assignment.roleDefinitionId,
    scope: assignment.scope,
  };
  await s.change({
    wire: 'arm',
    what: `Azure role assignment of ${assignment.principalId} given to a group`,
    plan: describeAzurePlan(p),
    dryRun: ['Dry run: the role assignments are shown, not sent; nothing was changed.'],
    dryRunDetail: {
      scope: assignment.scope,
      roleDefinitionId: assignment.roleDefinitionId,
      group: p.group,
    },
    // A group that holds the role there already gets nothing created: the removal is asked first.
    confirm: question(ctx.cluster, p, p.groupHas ? 'remove' : 'create'),
    run: async (progress, _signal, ask) => {
      if (!client) throw new Error('Azure Resource Manager is not connected');
      if (p.groupHas) {
        const has = await client.roleAssignments.getById(p.groupHas.id.replace(/^\//, ''));
        const differs = readBackDiffers(has, expected);
        // Not the role at the scope the plan counted on: the user's assignment is kept.
        if (differs.length > 0)
          throw new Error(
            `the group's role assignment ${p.groupHas.id} reads back with another ${differs.join(' and ')} than planned; the user's assignment was not deleted`,
          );
        progress(
          `✔ group ${groupLabel(p.group, p.check)} already holds "${p.candidate.roleName}" (read back)`,
        );
        return removeUsers(client);
      }
      await ctx.journal.mutation(
        {
          step: 'rbac',
          action: 'create role assignment',
          target: `${assignment.scope}/providers/Microsoft.Authorization/roleAssignments/${p.newName}`,
          detail: {
            roleDefinitionId: assignment.roleDefinitionId,
            principalId: p.group,
            principalType: 'Group',
          },
        },
        () =>
          client.roleAssignments.create(scope, p.newName, {
            roleDefinitionId: assignment.roleDefinitionId,
            principalId: p.group,
            principalType: 'Group',
          }),
      );
      const back = await client.roleAssignments.get(scope, p.newName);
      const differs = readBackDiffers(back, expected);
      if (differs.length > 0)
        throw new Error(
          `the new role assignment ${p.newName} reads back with another ${differs.join(' and ')} than planned; the user's assignment was not deleted`,
        );
      progress(
        `✔ group ${groupLabel(p.group, p.check)} holds "${p.candidate.roleName}" (read back)`,
      );
      // The removal has its own question, stale-checked as the first.
      if (!(await ask(question(ctx.cluster, p, 'remove')))) return 'assigned';
      return removeUsers(client);

      async function removeUsers(arm: AuthorizationManagementClient): Promise<'replaced'> {
        await ctx.journal.mutation(
          { step: 'rbac', action: 'delete role assignment', target: assignment.id },
          () => arm.roleAssignments.deleteById(assignment.id.replace(/^\//, '')),
        );
        progress(`✔ user's assignment deleted`);
        return 'replaced';
      }
    },
    done: (outcome, facts) => {
      const still = facts?.azure?.assignments.some(
        (a) => a.id.toLowerCase() === assignment.id.toLowerCase(),
      );
      s.set({ azurePlan: undefined, proposal: undefined });
      const result =
        outcome === 'assigned'
          ? `The group holds "${p.candidate.roleName}"; user ${assignment.principalId} still holds it too.`
          : !facts
            ? `Sent: group ${groupLabel(p.group, p.check)} ${p.groupHas ? 'holds' : 'given'} "${p.candidate.roleName}" (read back), user ${assignment.principalId}'s assignment ${p.candidate.where} deleted; not verified.`
            : still
              ? `✖ user ${assignment.principalId} still holds "${p.candidate.roleName}" ${p.candidate.where}.`
              : `✔ Verified: user ${assignment.principalId} no longer holds "${p.candidate.roleName}" ${p.candidate.where}; group ${groupLabel(p.group, p.check)} does.`;
      return {
        plan: undefined,
        result: [result],
        changed:
          outcome === 'assigned'
            ? 'assigned a role to a group'
            : p.groupHas
              ? "removed a user's Azure role a group holds"
              : "gave a user's Azure role to a group",
      };
    },
  });
}
