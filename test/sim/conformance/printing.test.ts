// What kubectl prints: the server's printer columns for the kinds served (-o wide included), pod
// QoS classes from requests and limits, and one pod range per node with pods addressed in it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import { R } from '../../../src/sim/kube/resources.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

const header = (out: string): string =>
  out
    .split('\n')[0]!
    .trim()
    .split(/\s{2,}/)
    .join(' | ');

describe.each(SERVED_MINORS)('printing with kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor, { speed: 50 });

  it('prints the columns a real server does', async () => {
    const wide = async (what: string, ns = 'shop') =>
      header((await k.run(['get', what, '-n', ns, '-o', 'wide'])).stdout);
    expect(await wide('daemonsets', 'kube-system')).toBe(
      'NAME | DESIRED | CURRENT | READY | UP-TO-DATE | AVAILABLE | NODE SELECTOR | AGE | CONTAINERS | IMAGES | SELECTOR',
    );
    expect(await wide('deployments')).toBe(
      'NAME | READY | UP-TO-DATE | AVAILABLE | AGE | CONTAINERS | IMAGES | SELECTOR',
    );
    expect(await wide('replicasets')).toBe(
      'NAME | DESIRED | CURRENT | READY | AGE | CONTAINERS | IMAGES | SELECTOR',
    );
    expect(await wide('pods')).toBe(
      'NAME | READY | STATUS | RESTARTS | AGE | IP | NODE | NOMINATED NODE | READINESS GATES',
    );
    expect(header((await k.run(['get', 'nodes', '-o', 'wide'])).stdout)).toBe(
      'NAME | STATUS | ROLES | AGE | VERSION | INTERNAL-IP | EXTERNAL-IP | OS-IMAGE | KERNEL-VERSION | CONTAINER-RUNTIME',
    );
    expect(await wide('poddisruptionbudgets')).toBe(
      'NAME | MIN AVAILABLE | MAX UNAVAILABLE | ALLOWED DISRUPTIONS | AGE',
    );
    await k.run([
      'create',
      'rolebinding',
      'readers',
      '--clusterrole=view',
      '--user=sam',
      '--group=devs',
      '-n',
      'shop',
    ]);
    expect(await wide('rolebindings')).toBe('NAME | ROLE | AGE | USERS | GROUPS | SERVICEACCOUNTS');
    const rb = (
      await k.run(['get', 'rolebinding', 'readers', '-n', 'shop', '-o', 'wide', '--no-headers'])
    ).stdout;
    expect(rb).toMatch(/^readers\s+ClusterRole\/view\s+\S+\s+sam\s+devs\s*$/);
    await k.run(['create', 'role', 'r', '--verb=get', '--resource=pods', '-n', 'shop']);
    expect(await wide('roles')).toBe('NAME | CREATED AT');
    await k.run(['create', 'job', 'once', '--image=busybox', '-n', 'shop']);
    expect(await wide('jobs')).toBe(
      'NAME | STATUS | COMPLETIONS | DURATION | AGE | CONTAINERS | IMAGES | SELECTOR',
    );
    expect(header((await k.run(['get', 'serviceaccounts', '-n', 'default'])).stdout)).toBe(
      'NAME | SECRETS | AGE',
    );
  });

  it('classes pods by their requests and limits', async () => {
    const file = join(tempDir('qos-'), 'pods.yaml');
    const pod = (name: string, resources: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    resources: ${resources}\n`;
    writeFileSync(
      file,
      [
        pod('best-effort', '{}'),
        pod('burstable', '{requests: {cpu: 100m}}'),
        pod(
          'guaranteed',
          '{requests: {cpu: "0.5", memory: 64Mi}, limits: {cpu: 500m, memory: 64Mi}}',
        ),
        pod('limits-only', '{limits: {cpu: "1", memory: 1Gi}}'),
      ].join('---\n'),
    );
    expect((await k.run(['apply', '-f', file])).code).toBe(0);
    const qos = await k.run([
      'get',
      'pods',
      'best-effort',
      'burstable',
      'guaranteed',
      'limits-only',
      '-n',
      'shop',
      '-o',
      'jsonpath={range .items[*]}{.status.qosClass} {end}',
    ]);
    expect(qos.stdout.trim()).toBe('BestEffort Burstable Guaranteed Guaranteed');
  });

  it('gives each node its own pod range and addresses pods from it', async () => {
    const store = k.server().api.context.store;
    const ranges = new Map(
      store.list(R.nodes).map((n) => [n.metadata.name, (n['spec'] as { podCIDR: string }).podCIDR]),
    );
    expect(new Set(ranges.values()).size).toBe(ranges.size);
    const cidrs = (
      await k.run(['get', 'nodes', '-o', 'jsonpath={.items[*].spec.podCIDR}'])
    ).stdout.split(' ');
    expect(cidrs.sort()).toEqual([...ranges.values()].sort());
    for (const p of store.list(R.pods)) {
      const node = (p['spec'] as { nodeName?: string; hostNetwork?: boolean }).nodeName;
      const ip = (p['status'] as { podIP?: string }).podIP;
      if (!node || !ip || (p['spec'] as { hostNetwork?: boolean }).hostNetwork) continue;
      expect(
        ipaddr.parse(ip).match(ipaddr.parseCIDR(ranges.get(node)!)),
        `${p.metadata.name} ${ip}`,
      ).toBe(true);
    }
  });
});
