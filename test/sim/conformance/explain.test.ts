// kubectl explain and field validation, from the OpenAPI v3 the simulator builds out of the
// Kubernetes API definitions: every served kind explained down to its leaves, and a typo in a
// manifest refused (Strict, kubectl's default) or warned about.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../../src/sim/kube/resources.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

describe.each(SERVED_MINORS)('kubectl 1.%s explain and field validation', (minor) => {
  const k = servedKubectl(minor);

  it('explains fields with their types and descriptions', async () => {
    const strategy = await k.run(['explain', 'deployment.spec.strategy']);
    expect(strategy.stdout).toContain('KIND:       Deployment');
    expect(strategy.stdout).toContain('FIELD: strategy <DeploymentStrategy>');
    expect(strategy.stdout).toMatch(/rollingUpdate\t<RollingUpdateDeployment>/);
    expect(strategy.stdout).toContain('Type of deployment. Can be "Recreate" or "RollingUpdate".');
    const image = await k.run(['explain', 'pods.spec.containers.image']);
    expect(image.stdout).toContain('FIELD: image <string>');
    expect(image.stdout).toContain('Container image name.');
    const ipBlock = await k.run(['explain', 'networkpolicy.spec.egress.to.ipBlock']);
    expect(ipBlock.stdout).toMatch(/cidr\t<string>/);
    expect(ipBlock.stdout).toMatch(/except\t<\[\]string>/);
    const budget = await k.run(['explain', 'pdb.spec.minAvailable']);
    expect(budget.stdout).toContain('FIELD: minAvailable <IntOrString>');
  });

  it('explains every kind kubectl can create', async () => {
    // Deprecated versions (removedIn) are served only by scenarios that ask for them.
    const kinds = RESOURCES.filter(
      (r) =>
        !r.verbs.every((v) => v === 'create') &&
        r.group !== 'metrics.k8s.io' &&
        r.removedIn === undefined &&
        // The engines' CRDs carry no schema in the simulator (served only with their engine).
        r.engine === undefined,
    );
    for (const r of kinds) {
      const what = r.group ? `${r.resource}.${r.group}` : r.resource;
      const out = await k.run(['explain', what]);
      expect(out.code, `${what}: ${out.stderr}`).toBe(0);
      expect(out.stdout, what).toContain(`KIND:       ${r.kind}`);
    }
  });

  it('refuses a typo with the strict decoding error, or warns when asked to', async () => {
    const file = join(tempDir('typo-'), 'd.yaml');
    writeFileSync(
      file,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: typo-${minor}, namespace: shop}\nspec:\n  replica: 2\n  selector: {matchLabels: {app: t}}\n  template:\n    metadata: {labels: {app: t}}\n    spec: {containers: [{name: c, image: nginx, ports: [{containerPort: 80, protocl: TCP}]}]}\n`,
    );
    const strict = await k.run(['create', '-f', file]);
    expect(strict.code).toBe(1);
    expect(strict.stderr.trim()).toBe(
      `Error from server (BadRequest): error when creating "${file}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].ports[0].protocl"`,
    );
    const warn = await k.run(['create', '-f', file, '--validate=warn']);
    expect(warn.stdout.trim()).toBe(`deployment.apps/typo-${minor} created`);
    expect(warn.stderr).toContain('Warning: unknown field "spec.replica"');
  });
});
