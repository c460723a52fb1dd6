import { RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfirmationDialog } from '../../../screens/ConfirmationDialog.js';
import { RbacScreen } from '../../../screens/steps/rbac/RbacScreen.js';
import { useSession } from '../../../screens/use-session.js';
import { CHECKLIST } from '../../../src/model/checklist.js';
import type { SessionStore } from '../../../src/runbook/session.js';
import type { StepHost } from '../../../src/runbook/step-host.js';
import { startSimulator, type Simulator } from '../../../src/sim/simulator.js';
import { rbacStep } from '../../../src/steps/rbac/index.js';
import { stepSession } from '../../e2e/security-step-session.js';
import { BACKSPACE, DOWN, ENTER, ESC, renderInk } from '../../helpers/ink.js';
import { viewText, type CodeBlock } from '../../../src/steps/contract/view.js';

const step = CHECKLIST.find((s) => s.id === 'rbac')!;
const Screen = RbacScreen;

// The part of the app shell that matters here: the step's screen, or the confirmation on top.
function Shell({ store, host }: { store: SessionStore; host: StepHost }) {
  const state = useSession(store);
  if (state.confirmation)
    return (
      <ConfirmationDialog
        key={state.asked}
        request={state.confirmation}
        active
        onAnswer={store.answer}
        width={80}
        height={21}
      />
    );
  return (
    <Screen
      step={step}
      status={state.steps.rbac}
      view={state.stepViews.rbac ?? {}}
      state={state.stepStates.rbac}
      send={(event) => void host.send('rbac', event)}
      width={80}
      height={21}
      active
      onBack={() => undefined}
      onHelp={() => undefined}
      onQuit={() => undefined}
    />
  );
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('rbac screen', () => {
  it('picks a user with / filter, rejects a wrong group id, shows the plan, and the confirmation starts on Cancel', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    await ui.waitFor('[p] Pick one of');
    await ui.press('p');
    await ui.waitFor('Pick a user bound directly (2 of 2)');
    expect(ui.frame()).toContain(
      '▲ jordan@contoso.com = Jordan Reyes (user) · ClusterRoleBinding/jordan-cluste',
    );
    await ui.press('/');
    await ui.type('sam');
    await ui.press(ENTER);
    await ui.waitFor('(1 of 2)');
    expect(ui.frame()).not.toContain('jordan@');
    await ui.press(ENTER);
    await ui.waitFor('Replace sam@contoso.com with an Entra group');

    await ui.type('payments-admins');
    await ui.press(ENTER);
    await ui.waitFor('No group name starts with "payments-admins".');
    await ui.press(ENTER);
    await ui.waitFor('No group picked: none starts with "payments-admins"');
    await ui.press(...Array.from('payments-admins', () => BACKSPACE));
    await ui.type('2d4f6a8b-1c3e-4a5b-8c7d-9e0f1a2b3c4d');
    await ui.press(ENTER);
    await ui.waitFor('[e] Export the new binding as YAML');
    expect(viewText(session.view().plan ?? [])).toContain('name: sam-secret-reader-group');

    const before = sim.log.writes().length;
    await ui.press('r');
    const dialog = await ui.waitFor('Confirm a change');
    expect(dialog).toContain('▶ No, cancel ◀');
    expect(dialog).toContain('aks-shop-prod');
    await ui.press(ENTER);
    await ui.waitFor('Cancelled: nothing was changed.');
    expect(sim.log.writes().length).toBe(before);
    await session.host.stop();
  });

  it('replaces a user by typing "plat" and picking platform-admins by name; typed where it must be', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    await ui.waitFor('[p] Pick one of');
    await ui.press('p');
    await ui.waitFor('▶ ▲ jordan@contoso.com = Jordan Reyes');
    await ui.press(ENTER);
    await ui.waitFor('Replace jordan@contoso.com with an Entra group');
    await ui.type('plat');
    let frame = await ui.waitFor('3 groups whose name starts with "plat"');
    expect(frame).toContain('▶ platform-admins · 4 members · security-enabled');
    expect(frame).toContain('platform-announcements · 2 members · NOT security-enabled');
    expect(frame).toContain('platform-oncall · 0 members · security-enabled');
    await ui.press(ENTER);
    await ui.waitFor('[r] Replace the user with the group');
    const plan = viewText(session.view().plan ?? []);
    expect(plan).toContain(
      'Replace jordan@contoso.com with Entra group platform-admins (7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70)',
    );
    expect(plan).toContain(
      '4 members (nested included), security-enabled, jordan@contoso.com is a member',
    );
    expect(plan).not.toContain('⚠');

    // cluster-admin: both changes ask for the cluster name.
    await ui.press('r');
    frame = await ui.waitFor('Type aks-shop-prod');
    expect(frame).toContain('to Entra group platform-admins');
    await ui.type('aks-shop-prod');
    await ui.press(ENTER);
    frame = await ui.waitFor('its only subject is');
    expect(frame).toContain('is a member of that group');
    await ui.waitFor('Type aks-shop-prod');
    await ui.type('aks-shop-prod');
    await ui.press(ENTER);
    await ui.waitFor('✔ Verified: jordan@contoso.com is no longer bound directly');
    expect(session.view().result?.[0]).toContain('group platform-admins (7a2d3b5f-');
    const made = await session.connection.kc
      .makeApiClient(RbacAuthorizationV1Api)
      .readClusterRoleBinding({ name: 'jordan-cluster-admin-group' });
    expect(made.subjects).toEqual([
      {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Group',
        name: '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70',
      },
    ]);
    // Undo, so the other tests see the demo as it was.
    await ui.press('u');
    await ui.waitFor('Type aks-shop-prod');
    await ui.type('aks-shop-prod');
    await ui.press(ENTER);
    await ui.waitFor('✔ Undone');
    await session.host.stop();
  });

  it('shows the whole new binding at 80x24: a YAML line wider than the screen goes on below, marked, never cut', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep, { dryRun: true });
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    await ui.waitFor('[p] Pick one of');
    await ui.press('p');
    await ui.waitFor('▶ ▲ jordan@contoso.com = Jordan Reyes');
    await ui.press(ENTER);
    await ui.waitFor('Replace jordan@contoso.com with an Entra group');
    await ui.type('plat');
    await ui.waitFor('▶ platform-admins · 4 members');
    await ui.press(ENTER);
    await ui.waitFor('[r] Dry-run the replacement');
    const yaml = (session.view().plan ?? []).find((i): i is CodeBlock => typeof i !== 'string');
    const wide = yaml!.code.find((l) => l.length > 80)!;
    // The annotation naming the binding and the user it replaces: wider than 80 columns.
    expect(wide).toContain('aks-runbook/replaces: ClusterRoleBinding/jordan-cluster-admin user');
    await ui.press('G');
    const frame = await ui.waitFor('subjects:');
    const lines = frame.split('\n').map((l) => l.trimEnd());
    const at = lines.findIndex((l) => l.startsWith('    aks-runbook/replaces:'));
    expect(lines[at]).toMatch(/↩$/);
    expect(lines[at]!.length).toBeLessThanOrEqual(80);
    expect(lines[at + 1]).toMatch(/^ {4}↪ /);
    // The pieces, marks taken out, are the line itself: nothing cut, nothing added.
    expect(lines[at]!.slice(0, -1) + lines[at + 1]!.slice('    ↪ '.length)).toBe(wide);
    const block = lines.slice(lines.indexOf('apiVersion: rbac.authorization.k8s.io/v1'));
    expect(block.some((l) => l.includes('…'))).toBe(false);
    await session.host.stop();
  });

  it('warns about an empty group the user is not in, and asks for the cluster name before removing them', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep);
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    await ui.waitFor('[p] Pick one of');
    await ui.press('p');
    await ui.waitFor('Pick a user bound directly');
    await ui.press(DOWN, ENTER);
    await ui.waitFor('Replace sam@contoso.com with an Entra group');
    await ui.type('platform-on');
    await ui.waitFor('▶ platform-oncall · 0 members');
    await ui.press(ENTER);
    await ui.waitFor('[r] Replace the user with the group');
    const plan = viewText(session.view().plan ?? []);
    expect(plan).toContain('⚠ platform-oncall has no members');
    expect(plan).toContain('⚠ sam@contoso.com is not in platform-oncall');
    await ui.press('r');
    // Not cluster-admin: the creation is a plain question; cancelling changes nothing.
    const dialog = await ui.waitFor('Confirm a change');
    expect(dialog).toContain('▶ No, cancel ◀');
    await ui.press(ENTER);
    await ui.waitFor('Cancelled: nothing was changed.');
    await session.host.stop();
  });

  it('shows the excluded bindings one key away', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep, { readOnly: true });
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    await ui.waitFor('[x] Show the');
    expect(ui.frame()).not.toContain('pick a user');
    await ui.press('x');
    const frame = await ui.waitFor('Left out:');
    expect(frame).toMatch(
      /ClusterRoleBinding\/cluster-admin · binds only Kubernetes system identities/,
    );
  });

  it('groups the findings by subject; / filters them and Esc clears the filter, not the step', async () => {
    const session = await stepSession(sim, 'rbac', rbacStep, { readOnly: true });
    await session.host.open('rbac');
    const ui = await renderInk(<Shell store={session.store} host={session.host} />);
    let frame = await ui.waitFor('Findings (6) · sort: severity');
    // Six findings do not fit opened at 80x24, so each subject is one line with its counts.
    // Each subject with its Entra name (the demo tenant's, from the simulated Microsoft Graph).
    expect(frame).toContain(
      '▸ ▲ HIGH User jordan@contoso.com (Jordan Reyes) · 2 findings: 1 high, 1 medium',
    );
    expect(frame).toContain(
      '▸ ▲ MED  User sam@contoso.com (Sam Patel) · 2 findings: 1 medium, 1 low',
    );
    // The cluster's Entra admin group, bound by AKS and once more: info, never high.
    expect(frame).toMatch(
      /▸ \S+ INFO Group 6f1c2a4e-[0-9a-f-]+ \(aks-shop-prod-admins\) · 2 findings: 2 info/,
    );
    await ui.press('/');
    await ui.type('sam@');
    frame = await ui.waitFor('Findings (2 of 6)');
    expect(frame).toContain('▾ ▲ MED  User sam@contoso.com (Sam Patel)');
    expect(frame).toMatch(/^ {2}▲ MED {2}rbac\.user-subject RoleBinding\//m);
    expect(frame).not.toContain('User jordan@');
    await ui.press(ENTER, ESC);
    frame = await ui.waitFor('Findings (6) · sort: severity');
    expect(frame).toContain('excluded built-in and AKS-managed bindings');
    await session.host.stop();
  });
});
