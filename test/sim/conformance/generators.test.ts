// `kubectl create <generator>` for every kind the simulator serves: kubectl 1.32 sends these as
// Kubernetes protobuf, 1.31 as JSON; both must create the same objects, with or without a
// server-side dry run.
import { describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/kube/resources.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

describe.each(SERVED_MINORS)('kubectl create generators against a 1.%s API server', (minor) => {
  const k = servedKubectl(minor);
  const store = () => k.server().api.context.store;
  const ns = `gen${minor}`;

  it(`is answered by kubectl 1.${minor}`, async () => {
    const r = await k.run(['version']);
    expect(r.stdout).toContain(`Client Version: v1.${minor}.`);
    expect(r.stdout).toContain(`Server Version: v1.${minor}.`);
  });

  it('creates a namespace, a dry run of one, and refuses a duplicate', async () => {
    const dry = await k.run(['create', 'namespace', `${ns}-dry`, '--dry-run=server']);
    expect(dry.stdout.trim()).toBe(`namespace/${ns}-dry created (server dry run)`);
    expect(store().get(R.namespaces, undefined, `${ns}-dry`)).toBeUndefined();
    const r = await k.run(['create', 'namespace', ns]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe(`namespace/${ns} created`);
    expect(store().get(R.namespaces, undefined, ns)?.metadata.labels).toEqual({
      'kubernetes.io/metadata.name': ns,
    });
    const again = await k.run(['create', 'namespace', ns]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe(
      `Error from server (AlreadyExists): namespaces "${ns}" already exists`,
    );
  });

  it('creates a deployment whose pods run the image', async () => {
    const r = await k.run([
      'create',
      'deployment',
      'web',
      '--image=nginx:1.27',
      '--replicas=2',
      '--port=80',
      '-n',
      ns,
    ]);
    expect(r.stdout.trim()).toBe('deployment.apps/web created');
    const d = store().get(R.deployments, ns, 'web')!;
    expect(d['spec']).toMatchObject({
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        spec: {
          containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }],
        },
      },
    });
    const zero = await k.run([
      'create',
      'deployment',
      'idle',
      '--image=nginx',
      '--replicas=0',
      '-n',
      ns,
    ]);
    expect(zero.code).toBe(0);
    expect(store().get(R.deployments, ns, 'idle')!['spec']).toMatchObject({ replicas: 0 });
  });

  it('creates a job, a cronjob and a job from the cronjob', async () => {
    expect(
      (
        await k.run(['create', 'job', 'once', '--image=busybox', '-n', ns, '--', 'echo', 'hi'])
      ).stdout.trim(),
    ).toBe('job.batch/once created');
    expect(store().get(R.jobs, ns, 'once')!['spec']).toMatchObject({
      template: {
        spec: {
          restartPolicy: 'Never',
          containers: [{ image: 'busybox', command: ['echo', 'hi'] }],
        },
      },
    });
    const cj = await k.run([
      'create',
      'cronjob',
      'nightly',
      '--image=busybox',
      '--schedule=0 3 * * *',
      '-n',
      ns,
    ]);
    expect(cj.stdout.trim()).toBe('cronjob.batch/nightly created');
    const from = await k.run(['create', 'job', 'now', '--from=cronjob/nightly', '-n', ns]);
    expect(from.stdout.trim()).toBe('job.batch/now created');
    const job = store().get(R.jobs, ns, 'now')!;
    expect(job.metadata.annotations).toEqual({ 'cronjob.kubernetes.io/instantiate': 'manual' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'CronJob',
      name: 'nightly',
      controller: true,
    });
  });

  it('creates roles, cluster roles and their bindings', async () => {
    const runs = [
      [
        'create',
        'role',
        'pod-reader',
        '--verb=get,list',
        '--resource=pods,deployments.apps',
        '-n',
        ns,
      ],
      ['create', 'clusterrole', `logs-${minor}`, '--verb=get', '--non-resource-url=/logs/*'],
      ['create', 'clusterrole', `agg-${minor}`, '--aggregation-rule=team=web'],
      [
        'create',
        'rolebinding',
        'readers',
        '--role=pod-reader',
        '--user=sam@contoso.com',
        '--group=devs',
        `--serviceaccount=${ns}:default`,
        '-n',
        ns,
      ],
      [
        'create',
        'clusterrolebinding',
        `logs-${minor}`,
        `--clusterrole=logs-${minor}`,
        '--group=ops',
      ],
    ];
    for (const args of runs) expect((await k.run(args)).code, args.join(' ')).toBe(0);
    expect(store().get(R.roles, ns, 'pod-reader')!['rules']).toEqual([
      { verbs: ['get', 'list'], apiGroups: [''], resources: ['pods'] },
      { verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'] },
    ]);
    expect(store().get(R.clusterroles, undefined, `logs-${minor}`)!['rules']).toEqual([
      { verbs: ['get'], nonResourceURLs: ['/logs/*'] },
    ]);
    expect(store().get(R.clusterroles, undefined, `agg-${minor}`)!['aggregationRule']).toEqual({
      clusterRoleSelectors: [{ matchLabels: { team: 'web' } }],
    });
    const rb = store().get(R.rolebindings, ns, 'readers')!;
    expect(rb['roleRef']).toEqual({
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Role',
      name: 'pod-reader',
    });
    expect(rb['subjects']).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'sam@contoso.com' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'default', namespace: ns },
    ]);
    // The binding takes effect: sam may now list pods there.
    const can = await k.run(['auth', 'can-i', 'list', 'pods', '-n', ns, '--as=sam@contoso.com']);
    expect(can.stdout.trim()).toBe('yes');
  });

  it('creates a service account and budgets by count and by share', async () => {
    expect((await k.run(['create', 'serviceaccount', 'builder', '-n', ns])).stdout.trim()).toBe(
      'serviceaccount/builder created',
    );
    expect(
      (
        await k.run([
          'create',
          'pdb',
          'half',
          '--selector=app=web',
          '--min-available=50%',
          '-n',
          ns,
        ])
      ).code,
    ).toBe(0);
    expect(
      (await k.run(['create', 'pdb', 'one', '--selector=app=web', '--max-unavailable=1', '-n', ns]))
        .code,
    ).toBe(0);
    expect(store().get(R.pdbs, ns, 'half')!['spec']).toEqual({
      minAvailable: '50%',
      selector: { matchLabels: { app: 'web' } },
    });
    expect(store().get(R.pdbs, ns, 'one')!['spec']).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { app: 'web' } },
    });
    const dry = await k.run([
      'create',
      'pdb',
      'dry',
      '--selector=app=web',
      '--min-available=1',
      '-n',
      ns,
      '--dry-run=server',
      '-o',
      'jsonpath={.spec.minAvailable}',
    ]);
    expect(dry.stdout).toBe('1');
    expect(store().get(R.pdbs, ns, 'dry')).toBeUndefined();
  });

  it('runs a pod', async () => {
    const r = await k.run(['run', 'one', '--image=nginx', '--labels=app=one', '-n', ns]);
    expect(r.stdout.trim()).toBe('pod/one created');
    expect(store().get(R.pods, ns, 'one')?.metadata.labels).toEqual({ app: 'one' });
  });
});
