// Upgrade readiness end to end: a 1.31 cluster whose clients (seeded, and real kubectl during the
// session), last-applied objects and Helm release use APIs 1.32 removes; the upgrades step reads
// all three sources over the real clients and reports one verdict per API.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import type { UpgradesState } from '../../src/steps/upgrades/state.js';
import { makeUpgradesStep } from '../../src/steps/upgrades/index.js';
import { tempDir } from '../helpers/temp-dir.js';
import { kubectl, requireKubectl } from '../sim/helpers/kube-kubectl.js';
import { rig, until, type StepRig } from './step-harness.js';

const fast = makeUpgradesStep({ updateIntervalInMs: 5, nodePollMs: 5 });
let r: StepRig | undefined;
afterEach(async () => {
  await r?.close();
  r = undefined;
});

const deprecated = (x: StepRig): Finding[] =>
  (x.store.getState().stepViews.upgrades?.findings ?? []).filter(
    (f) => f.id === 'versions.deprecated-api-in-use',
  );

describe('upgrades step: deprecated APIs the next minor removes', () => {
  it('kubectl during the session, three sources, the chooser, refusal explained, typed override', async () => {
    requireKubectl();
    r = await rig('upgrade-readiness', 400, 'upgrades', fast);
    const x = r;
    // A trainee's kubectl writes through the deprecated version during the session.
    const home = tempDir('upgrade-readiness-');
    const kubeconfig = join(home, 'config');
    writeFileSync(kubeconfig, x.sim.userKubeconfig());
    writeFileSync(
      join(home, 'flow.yaml'),
      'apiVersion: flowcontrol.apiserver.k8s.io/v1beta3\nkind: FlowSchema\nmetadata:\n  name: trainee\nspec:\n  matchingPrecedence: 7000\n  priorityLevelConfiguration:\n    name: workload-low\n',
    );
    const applied = await kubectl(['apply', '-f', join(home, 'flow.yaml')], { kubeconfig, home });
    expect(applied.code).toBe(0);

    await x.host.open('upgrades');
    const found = deprecated(x);
    const flow = found.find((f) => f.message.startsWith('FlowSchema'))!;
    expect(flow.severity).toBe('high');
    expect(flow.message).toContain('clients requested it (API server metric)');
    expect(flow.message).toContain('FlowSchema batch-low');
    expect(flow.message).toContain('Helm release reporting/report-api (revision 2)');
    expect(flow.remediation).toContain('flowcontrol.apiserver.k8s.io/v1');
    // The metric names no client (nor does AKS elsewhere): the audit-log query that does.
    expect(flow.remediation).toContain('AKSAudit | where');

    const plc = found.find((f) => f.message.startsWith('PriorityLevelConfiguration'))!;
    expect(plc.severity).toBe('high');
    // From the ConfigMap-stored release: its deployed revision 2, not the failed revision 3
    // (an extensions/v1beta1 Ingress) nor the superseded revision 1 (a batch/v1beta1 CronJob).
    expect(plc.message).toContain('Helm release reporting/batch-jobs (revision 2)');
    expect(found.map((f) => f.message).join('\n')).not.toMatch(/jobs-web|jobs-old|Ingress/);

    // batch/v1beta1 went in 1.25: a stale manifest (medium), from the last-applied object only —
    // the Helm release's older revision 1 rendered one too, and is not read.
    const cron = found.find((f) => f.message.startsWith('CronJob'))!;
    expect(cron.severity).toBe('medium');
    expect(cron.message).toContain('CronJob reporting/nightly-export');
    expect(cron.message).not.toContain('report-cleanup');
    expect(cron.remediation).toContain('batch/v1');
    expect(found).toHaveLength(3);

    const summary = x.store.getState().stepViews.upgrades?.summary ?? [];
    expect(summary.join('\n')).toMatch(/2 Helm release/);

    // The chooser's note per offered version: both 1.32 patches remove the two flowcontrol APIs
    // (the already-removed CronJob is not this upgrade's doing).
    const stepState = () => x.store.getState().stepStates.upgrades as UpgradesState;
    expect(stepState().impact?.map((b) => [b.version, b.apis.length])).toEqual([
      ['1.32.5', 2],
      ['1.32.4', 2],
    ]);
    expect(stepState().impact?.[0]?.label).toContain('2 removed APIs in use; worst: ');
    expect(stepState().impact?.[0]?.label).toContain('called by clients: AKS may refuse');

    await x.host.send('upgrades', { type: 'target', version: '1.32.5' });
    const answer = async (key: string) => {
      const sent = x.host.send('upgrades', { type: 'action', key });
      const asked = await until(() => x.store.getState().confirmation, `confirmation for ${key}`);
      expect(asked.typed).toBe(x.sim.arm.name);
      x.store.answer(true);
      await sent;
      return asked;
    };
    const first = await answer('c');
    const details = (first.details ?? []).join('\n');
    expect(details).toContain('Would break on 1.32.5');
    expect(details).toContain(
      'FlowSchema flowcontrol.apiserver.k8s.io/v1beta3 (removed in 1.32) → move to flowcontrol.apiserver.k8s.io/v1',
    );
    expect(details).toContain(
      'Helm release reporting/report-api (revision 2): FlowSchema reporting/report-api',
    );
    expect(details).toContain(
      'last applied as flowcontrol.apiserver.k8s.io/v1beta3: FlowSchema batch-low',
    );
    expect(details).not.toContain('overrideSettings');
    // AKS refuses: recent writes through flowcontrol v1beta3 (kubectl's FlowSchema among them).
    expect(x.sim.aks.state.currentKubernetesVersion).toBe('1.31.8');
    expect(stepState().lastFailed?.deprecatedApis).toBe(true);
    const result = (x.store.getState().stepViews.upgrades?.result ?? []).join('\n');
    expect(result).toContain('clients recently wrote through an API this version removes');
    expect(result).toContain('press f');
    expect(result).toContain('flowcontrol.apiserver.k8s.io.flowschemas.v1beta3');
    const actions = x.store.getState().stepViews.upgrades?.actions ?? [];
    expect(actions.find((a) => a.key === 'f')?.label).toMatch(/override for 3 days/);

    const before = Date.now();
    const second = await answer('f');
    const until3 = /overriding AKS's deprecated-API check until (\S+)\)?$/.exec(second.change)?.[1];
    const ends = Date.parse(until3 ?? '');
    expect(ends - before).toBeGreaterThanOrEqual(3 * 24 * 3600_000 - 1000);
    expect(ends - Date.now()).toBeLessThanOrEqual(3 * 24 * 3600_000 + 1000);
    const secondDetails = (second.details ?? []).join('\n');
    expect(secondDetails).toContain('"forceUpgrade": true');
    expect(secondDetails).toContain('Would break on 1.32.5');
    expect(x.sim.aks.state.currentKubernetesVersion).toBe('1.32.5');
    const intents = x
      .journalLines()
      .filter((l) => JSON.stringify(l).includes('upgrade control plane'));
    expect(JSON.stringify(intents)).toContain(`"overrideUntil":"${new Date(ends).toISOString()}"`);
  });

  it('f overrides the refused version, not a target picked after the refusal', async () => {
    r = await rig('upgrade-readiness', 400, 'upgrades', fast);
    const x = r;
    await x.host.open('upgrades');
    const stepState = () => x.store.getState().stepStates.upgrades as UpgradesState;
    const answer = async (key: string) => {
      const sent = x.host.send('upgrades', { type: 'action', key });
      const asked = await until(() => x.store.getState().confirmation, `confirmation for ${key}`);
      x.store.answer(true);
      await sent;
      return asked;
    };
    await x.host.send('upgrades', { type: 'target', version: '1.32.5' });
    await answer('c');
    expect(stepState().lastFailed).toMatchObject({ deprecatedApis: true, to: '1.32.5' });
    // The operator picks another patch: AKS has not checked that one, so f still names 1.32.5.
    await x.host.send('upgrades', { type: 'target', version: '1.32.4' });
    const actions = x.store.getState().stepViews.upgrades?.actions ?? [];
    expect(actions.find((a) => a.key === 'f')?.label).toMatch(/^Upgrade to 1\.32\.5 anyway/);
    const forced = await answer('f');
    expect(forced.change).toContain('to 1.32.5 again');
    expect((forced.details ?? []).join('\n')).toContain('not 1.32.4, the target you picked since');
    expect(x.sim.aks.state.currentKubernetesVersion).toBe('1.32.5');
  });

  it('finds nothing on a cluster that uses no deprecated API (the demo, metric readable)', async () => {
    r = await rig('demo', 400, 'upgrades', fast);
    await r.host.open('upgrades');
    expect(deprecated(r)).toEqual([]);
    const summary = (r.store.getState().stepViews.upgrades?.summary ?? []).join('\n');
    expect(summary).toContain('from the API server metric');
  });

  it('says so when the metric and Secrets cannot be read (Kubernetes view), not failing', async () => {
    r = await rig('limited-rights', 400, 'upgrades', fast);
    await r.host.open('upgrades');
    const refused = (r.store.getState().stepViews.upgrades?.findings ?? []).filter(
      (f) => f.id === 'versions.forbidden',
    );
    expect(refused.map((f) => f.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/client requests .*forbidden.*\/metrics/),
        expect.stringMatching(/Helm releases .*: listing Secrets is forbidden/),
      ]),
    );
    const summary = (r.store.getState().stepViews.upgrades?.summary ?? []).join('\n');
    expect(summary).toContain('no metric (unreadable)');
  });
});
