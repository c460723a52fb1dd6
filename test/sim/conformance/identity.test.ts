// Who kubectl is, as the API server sees it: `auth whoami`, `--as/--as-group` impersonation honoured
// by the authorizer and refused without the impersonate right, and the system:masters client
// certificate AKS hands out on a cluster without Entra ID.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kubectl } from '../helpers/kube-kubectl.js';
import { writeKubeconfig } from '../helpers/kube-server.js';
import { startSimCommand } from '../../helpers/sim-command.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

const whoami = (user: string, groups: string): string =>
  `ATTRIBUTE   VALUE\nUsername    ${user}\nGroups      [${groups}]`;

describe.each(SERVED_MINORS)('identity with kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor);

  it('says who the caller is', async () => {
    const r = await k.run(['auth', 'whoami']);
    expect(r.stdout.trim()).toBe(
      whoami('admin@contoso.com', 'system:masters system:authenticated'),
    );
  });

  it('answers for the impersonated user, not for the caller', async () => {
    const before = await k.run([
      'auth',
      'can-i',
      'list',
      'pods',
      '-n',
      'shop',
      '--as=sam@contoso.com',
    ]);
    expect(before.stdout.trim()).toBe('no');
    expect((await k.run(['get', 'pods', '-n', 'shop', '--as=sam@contoso.com'])).stderr).toContain(
      'User "sam@contoso.com" cannot list resource "pods" in API group "" in the namespace "shop"',
    );
    await k.run([
      'create',
      'rolebinding',
      `sam-view-${minor}`,
      '--clusterrole=view',
      '--user=sam@contoso.com',
      '-n',
      'shop',
    ]);
    const after = await k.run([
      'auth',
      'can-i',
      'list',
      'pods',
      '-n',
      'shop',
      '--as=sam@contoso.com',
    ]);
    expect(after.stdout.trim()).toBe('yes');
    const as = await k.run(['auth', 'whoami', '--as=sam@contoso.com', '--as-group=devs']);
    expect(as.stdout.trim()).toBe(whoami('sam@contoso.com', 'devs system:authenticated'));
  });

  it('refuses impersonation to a caller without the impersonate right', async () => {
    const kc = writeKubeconfig(k.server(), k.server().token('eve@contoso.com'));
    const eve = { kubeconfig: kc.path, home: kc.dir };
    // Discovery first, cached as a real kubectl would have it from earlier runs.
    await kubectl(['api-resources'], eve);
    const r = await kubectl(['get', 'pods', '-n', 'shop', '--as=admin@contoso.com'], eve);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      'Error from server (Forbidden): users "admin@contoso.com" is forbidden: User "eve@contoso.com" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('is masterclient in system:masters with the user credential of a cluster without Entra ID', async () => {
    const dir = tempDir('local-accounts-');
    const version = minor === '31' ? '1.31.8' : '1.32.5';
    writeFileSync(
      join(dir, 'cluster.yaml'),
      `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  resourceGroup: rg-local
  name: aks-local
  kubernetesVersion: ${version}
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: ${version}
kubernetesVersions:
  - version: "1.${minor}"
    patches: [${version}]
operator:
  user: nobody@contoso.com
`,
    );
    const running = await startSimCommand(dir);
    try {
      expect(readFileSync(running.kubeconfigFile, 'utf8')).toContain('client-certificate-data');
      const r = await kubectl(['auth', 'whoami'], {
        kubeconfig: running.kubeconfigFile,
        home: dir,
      });
      expect(r.stdout.trim()).toBe(whoami('masterclient', 'system:masters system:authenticated'));
      const can = await kubectl(['auth', 'can-i', '*', '*'], {
        kubeconfig: running.kubeconfigFile,
        home: dir,
      });
      expect(can.stdout.trim()).toBe('yes');
    } finally {
      await running.stop();
    }
  });
});
