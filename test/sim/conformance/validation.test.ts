// The API server's update rules and defaults, as kubectl meets them: immutable pod specs,
// selectors and roleRefs answered 422 with the real message; defaults filled in on create.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { R } from '../../../src/sim/kube/resources.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

const POD_REFUSAL =
  'spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

describe.each(SERVED_MINORS)('update rules and defaults, kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor);
  const store = () => k.server().api.context.store;
  const ns = `v${minor}`;

  it('refuses moving a pod to another node, and lets its image change', async () => {
    await k.run(['create', 'namespace', ns]);
    expect((await k.run(['run', 'p', '--image=nginx:1.26', '-n', ns])).code).toBe(0);
    const node = store().get(R.pods, ns, 'p')!['spec'] as { nodeName: string };
    const r = await k.run([
      'patch',
      'pod',
      'p',
      '-n',
      ns,
      '-p',
      '{"spec":{"nodeName":"elsewhere"}}',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The Pod "p" is invalid: ${POD_REFUSAL}`);
    expect(r.stderr).toContain('-');
    expect((store().get(R.pods, ns, 'p')!['spec'] as { nodeName: string }).nodeName).toBe(
      node.nodeName,
    );
    const img = await k.run(['set', 'image', 'pod/p', 'p=nginx:1.27', '-n', ns]);
    expect(img.stdout.trim()).toBe('pod/p image updated');
    const restart = await k.run([
      'patch',
      'pod',
      'p',
      '-n',
      ns,
      '--type=json',
      '-p',
      '[{"op":"add","path":"/spec/containers/-","value":{"name":"two","image":"busybox"}}]',
    ]);
    expect(restart.stderr).toContain(
      'The Pod "p" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers',
    );
  });

  it("refuses changing a deployment's selector and a binding's roleRef", async () => {
    await k.run(['create', 'deployment', 'web', '--image=nginx', '-n', ns]);
    const sel = await k.run([
      'patch',
      'deployment',
      'web',
      '-n',
      ns,
      '-p',
      '{"spec":{"selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}}}}}',
    ]);
    expect(sel.code).toBe(1);
    expect(sel.stderr.trim()).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"api"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
    await k.run(['create', 'role', 'a', '--verb=get', '--resource=pods', '-n', ns]);
    await k.run(['create', 'rolebinding', 'b', '--role=a', '--user=sam', '-n', ns]);
    const ref = await k.run([
      'patch',
      'rolebinding',
      'b',
      '-n',
      ns,
      '-p',
      '{"roleRef":{"name":"other"}}',
    ]);
    expect(ref.stderr.trim()).toBe(
      'The RoleBinding "b" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
    );
  });

  it("refuses a job's new template and a template whose labels miss the selector", async () => {
    await k.run(['create', 'job', 'j', '--image=busybox', '-n', ns]);
    const r = await k.run(['set', 'image', 'job/j', 'j=busybox:2', '-n', ns]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /failed to patch image update to pod template: Job.batch "j" is invalid: spec\.template: Invalid value: .*: field is immutable/,
    );
    const dir = tempDir('bad-deploy-');
    const file = join(dir, 'd.yaml');
    writeFileSync(
      file,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: odd, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: odd}}\n  template:\n    metadata: {labels: {app: even}}\n    spec: {containers: [{name: c, image: nginx}]}\n`,
    );
    const bad = await k.run(['create', '-f', file]);
    expect(bad.stderr).toContain(
      'The Deployment "odd" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"even"}: `selector` does not match template `labels`',
    );
  });

  it('fills in the defaults a real server does', async () => {
    const d = await k.run([
      'get',
      'deployment',
      'web',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.strategy.type} {.spec.strategy.rollingUpdate.maxSurge} {.spec.revisionHistoryLimit} {.spec.progressDeadlineSeconds} {.spec.template.spec.terminationGracePeriodSeconds} {.spec.template.spec.containers[0].imagePullPolicy}',
    ]);
    expect(d.stdout).toBe('RollingUpdate 25% 10 600 30 Always');
    const j = await k.run([
      'get',
      'job',
      'j',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.backoffLimit} {.spec.completions} {.spec.template.metadata.labels.job-name}',
    ]);
    expect(j.stdout).toBe('6 1 j');
    const p = await k.run([
      'get',
      'pod',
      'p',
      '-n',
      ns,
      '-o',
      'jsonpath={.spec.serviceAccountName} {.spec.enableServiceLinks} {.spec.tolerations[0].tolerationSeconds}',
    ]);
    expect(p.stdout).toBe('default true 300');
  });
});
