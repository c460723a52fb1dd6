// Workload controllers that roll, as kubectl drives them: set image, rollout status/history/undo,
// rollout restart of Deployments, DaemonSets and StatefulSets, Jobs that complete, and the three
// cascading deletions.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { until } from '../../helpers/until.js';
import { R } from '../../../src/sim/kube/resources.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

describe.each(SERVED_MINORS)('rollouts with kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor, { speed: 50 });
  const store = () => k.server().api.context.store;
  const ns = `r${minor}`;
  const rs = () =>
    store()
      .list(R.replicasets, ns)
      .filter((r) => r.metadata.name.startsWith('web-'));

  it('rolls a new image through a new ReplicaSet and reports it done', async () => {
    await k.run(['create', 'namespace', ns]);
    await k.run(['create', 'deployment', 'web', '--image=nginx:1.26', '--replicas=4', '-n', ns]);
    const first = await k.run(
      ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'],
      70_000,
    );
    expect(first.stdout).toContain('deployment "web" successfully rolled out');
    const set = await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.27', '-n', ns]);
    expect(set.stdout.trim()).toBe('deployment.apps/web image updated');
    const status = await k.run(
      ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'],
      70_000,
    );
    expect(status.code).toBe(0);
    // Every progress line kubectl printed is one of its own; on a loaded machine kubectl may
    // start after the roll ended and print none (the new ReplicaSet is checked below).
    for (const line of status.stdout.trim().split('\n').slice(0, -1))
      expect(line).toMatch(
        /Waiting for deployment "web" rollout to finish: \d+ (out of 4 new replicas have been updated|old replicas are pending termination|of 4 updated replicas are available)/,
      );
    expect(status.stdout.trim().split('\n').at(-1)).toBe(
      'deployment "web" successfully rolled out',
    );
    const pods = store()
      .list(R.pods, ns)
      .filter((p) => !p.metadata.deletionTimestamp);
    expect(pods).toHaveLength(4);
    for (const p of pods)
      expect((p['spec'] as { containers: Array<{ image: string }> }).containers[0]!.image).toBe(
        'nginx:1.27',
      );
    expect(
      rs()
        .map((r) => [
          (r['spec'] as { replicas: number }).replicas,
          r.metadata.annotations?.['deployment.kubernetes.io/revision'],
        ])
        .sort(),
    ).toEqual([
      [0, '1'],
      [4, '2'],
    ]);
  });

  it('lists the revisions and undoes to the previous one', async () => {
    const history = await k.run(['rollout', 'history', 'deployment/web', '-n', ns]);
    expect(history.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>/);
    const undo = await k.run(['rollout', 'undo', 'deployment/web', '-n', ns]);
    expect(undo.stdout.trim()).toBe('deployment.apps/web rolled back');
    await k.run(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'], 70_000);
    const image = await k.run([
      'get',
      'deployment',
      'web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image} {.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    ]);
    expect(image.stdout).toBe('nginx:1.26 3');
    const after = await k.run(['rollout', 'history', 'deployment/web', '-n', ns]);
    expect(after.stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n2\s+<none>\n3\s+<none>/);
    expect(rs()).toHaveLength(2);
  });

  it('restarts a deployment, and holds a paused one', async () => {
    const restart = await k.run(['rollout', 'restart', 'deployment/web', '-n', ns]);
    expect(restart.stdout.trim()).toBe('deployment.apps/web restarted');
    await k.run(['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'], 70_000);
    expect(rs()).toHaveLength(3);
    const annotations = store()
      .list(R.pods, ns)
      .filter((p) => !p.metadata.deletionTimestamp)
      .map((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']);
    expect(annotations.every((a) => typeof a === 'string')).toBe(true);
    await k.run(['rollout', 'pause', 'deployment/web', '-n', ns]);
    await k.run(['set', 'image', 'deployment/web', 'nginx=nginx:1.28', '-n', ns]);
    // Once the controller has seen the new template, a paused deployment still has no new ReplicaSet.
    await until(() => {
      const d = store().get(R.deployments, ns, 'web') as
        { metadata: { generation?: number }; status?: { observedGeneration?: number } } | undefined;
      return (d?.status?.observedGeneration ?? 0) >= (d?.metadata.generation ?? 1);
    }, 'the paused deployment observed by its controller');
    expect(rs()).toHaveLength(3);
    await k.run(['rollout', 'resume', 'deployment/web', '-n', ns]);
    const done = await k.run(
      ['rollout', 'status', 'deployment/web', '-n', ns, '--timeout=60s'],
      70_000,
    );
    expect(done.stdout).toContain('successfully rolled out');
    expect(rs()).toHaveLength(4);
  });

  it('rolls a DaemonSet and a StatefulSet on restart', async () => {
    await k.run(['rollout', 'restart', 'daemonset/kube-proxy', '-n', 'kube-system']);
    const ds = await k.run(
      ['rollout', 'status', 'daemonset/kube-proxy', '-n', 'kube-system', '--timeout=60s'],
      70_000,
    );
    expect(ds.stdout.trim().split('\n').at(-1)).toBe(
      'daemon set "kube-proxy" successfully rolled out',
    );
    const proxies = store()
      .list(R.pods, 'kube-system')
      .filter((p) => p.metadata.name.startsWith('kube-proxy') && !p.metadata.deletionTimestamp);
    expect(
      proxies.every((p) => p.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']),
    ).toBe(true);
    const file = join(tempDir('sts-'), 'db.yaml');
    writeFileSync(
      file,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db, namespace: ${ns}}\nspec:\n  replicas: 3\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      terminationGracePeriodSeconds: 1\n      containers: [{name: db, image: postgres:16}]\n`,
    );
    await k.run(['apply', '-f', file]);
    await k.run(['rollout', 'status', 'statefulset/db', '-n', ns, '--timeout=60s'], 70_000);
    await k.run(['set', 'image', 'statefulset/db', 'db=postgres:17', '-n', ns]);
    const sts = await k.run(
      ['rollout', 'status', 'statefulset/db', '-n', ns, '--timeout=60s'],
      70_000,
    );
    // Defaulting sets rollingUpdate.partition to 0, so kubectl reports a partitioned roll out,
    // as it does against a real server. Every progress line is one of kubectl's own; at speed 50
    // the roll takes well under a wall second, and on a loaded machine kubectl may start after it
    // ended and print none (as for the Deployment above).
    const lines = sts.stdout.trim().split('\n');
    for (const line of lines.slice(0, -1))
      expect(line).toMatch(
        /^Waiting for (\d+ pods to be ready\.\.\.|partitioned roll out to finish: \d+ out of 3 new pods have been updated\.\.\.)$/,
      );
    expect(lines.at(-1)).toBe('partitioned roll out complete: 3 new pods have been updated...');
    const images = store()
      .list(R.pods, ns)
      .filter((p) => p.metadata.name.startsWith('db-'))
      .map((p) => (p['spec'] as { containers: Array<{ image: string }> }).containers[0]!.image);
    expect(images).toEqual(['postgres:17', 'postgres:17', 'postgres:17']);
  });

  it('runs a Job to completion', async () => {
    await k.run([
      'create',
      'job',
      'hello',
      '--image=busybox',
      '-n',
      ns,
      '--',
      'echo',
      'hello from the job',
    ]);
    const wait = await k.run(
      ['wait', '--for=condition=complete', 'job/hello', '-n', ns, '--timeout=60s'],
      70_000,
    );
    expect(wait.stdout.trim()).toBe('job.batch/hello condition met');
    const logs = await k.run(['logs', 'job/hello', '-n', ns]);
    expect(logs.stdout.trim()).toBe('hello from the job');
  });

  it('deletes with --cascade=orphan, foreground and background', async () => {
    const before = store()
      .list(R.pods, ns)
      .filter((p) => p.metadata.name.startsWith('web-') && !p.metadata.deletionTimestamp).length;
    expect((await k.run(['delete', 'deployment', 'web', '-n', ns, '--cascade=orphan'])).code).toBe(
      0,
    );
    expect(rs().length).toBeGreaterThan(0);
    expect(rs().every((r) => r.metadata.ownerReferences === undefined)).toBe(true);
    expect(
      store()
        .list(R.pods, ns)
        .filter((p) => p.metadata.name.startsWith('web-')).length,
    ).toBe(before);
    const live = rs().find((r) => (r['spec'] as { replicas: number }).replicas > 0)!;
    const fg = await k.run(
      ['delete', 'replicaset', live.metadata.name, '-n', ns, '--cascade=foreground'],
      60_000,
    );
    expect(fg.code).toBe(0);
    expect(
      store()
        .list(R.pods, ns)
        .filter((p) => p.metadata.name.startsWith(live.metadata.name)),
    ).toEqual([]);
    await k.run(['create', 'deployment', 'api', '--image=nginx', '--replicas=2', '-n', ns]);
    await k.run(['rollout', 'status', 'deployment/api', '-n', ns, '--timeout=60s'], 70_000);
    expect((await k.run(['delete', 'deployment', 'api', '-n', ns])).code).toBe(0);
    expect(
      store()
        .list(R.replicasets, ns)
        .filter((r) => r.metadata.name.startsWith('api-')),
    ).toEqual([]);
  });
});
