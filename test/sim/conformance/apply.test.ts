// Server-side apply as kubectl drives it: managedFields, shared and taken ownership, conflicts
// (409) with another manager and --force-conflicts, fields left out of the file removed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dir.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

interface Entry {
  manager: string;
  operation: string;
  apiVersion: string;
  time: string;
  fieldsType: string;
  fieldsV1: Record<string, unknown>;
}
interface Live {
  metadata: { labels: Record<string, string>; managedFields: Entry[] };
  spec: {
    replicas: number;
    template: { spec: { containers: Array<{ image: string }> } };
  };
}

function manifest(ns: string, image: string, opts: { replicas?: number; tier?: boolean }): string {
  const labels = opts.tier ? '{app: web, tier: front}' : '{app: web}';
  const replicas = opts.replicas === undefined ? '' : `  replicas: ${opts.replicas}\n`;
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: ${ns}, labels: ${labels}}
spec:
${replicas}  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 80}]
`;
}

const CONTAINER = 'k:{"name":"web"}';

/** The owned paths of a FieldsV1 tree, as `a.b.c` strings. */
function paths(tree: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => {
    const here = prefix ? `${prefix}.${k}` : k;
    const children = v as Record<string, unknown>;
    return Object.keys(children).length ? paths(children, here) : [here];
  });
}

describe.each(SERVED_MINORS)('server-side apply with kubectl 1.%s', (minor) => {
  const k = servedKubectl(minor, { speed: 50 });
  const ns = `ssa${minor}`;
  const dir = tempDir('ssa-');
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const live = async (name = 'web'): Promise<Live> =>
    JSON.parse(
      (await k.run(['get', 'deploy', name, '-n', ns, '-o', 'json', '--show-managed-fields']))
        .stdout,
    ) as Live;
  const owners = async (): Promise<Record<string, string[]>> =>
    Object.fromEntries(
      (await live()).metadata.managedFields.map((e) => [
        `${e.manager}/${e.operation}`,
        paths(e.fieldsV1),
      ]),
    );

  it('records the applier as owner of exactly what it applied', async () => {
    await k.run(['create', 'namespace', ns]);
    const f = file('v1.yaml', manifest(ns, 'nginx:1.27', { replicas: 3, tier: true }));
    const r = await k.run(['apply', '--server-side', '-f', f]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    const [entry, ...more] = (await live()).metadata.managedFields;
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      manager: 'kubectl',
      operation: 'Apply',
      apiVersion: 'apps/v1',
      fieldsType: 'FieldsV1',
    });
    expect(Date.now() - Date.parse(entry!.time)).toBeLessThan(60_000);
    expect(entry!.fieldsV1).toEqual({
      'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } },
      'f:spec': {
        'f:replicas': {},
        'f:selector': {},
        'f:template': {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:containers': {
              [CONTAINER]: {
                '.': {},
                'f:image': {},
                'f:name': {},
                'f:ports': {
                  'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
                },
              },
            },
          },
        },
      },
    });
    // kubectl hides them unless asked.
    const plain = await k.run(['get', 'deploy', 'web', '-n', ns, '-o', 'yaml']);
    expect(plain.stdout).not.toContain('managedFields');
  });

  it('refuses to change a field another manager set, until forced', async () => {
    const set = await k.run(['set', 'image', 'deployment/web', 'web=nginx:1.28', '-n', ns]);
    expect(set.code).toBe(0);
    const image = `f:spec.f:template.f:spec.f:containers.${CONTAINER}.f:image`;
    expect((await owners())['kubectl-set/Update']).toEqual([image]);
    expect((await owners())['kubectl/Apply']).not.toContain(image);

    const f = file('v1-again.yaml', manifest(ns, 'nginx:1.27', { replicas: 3, tier: true }));
    const refused = await k.run(['apply', '--server-side', '-f', f]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n')[0]).toBe(
      'error: Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="web"].image',
    );
    expect(refused.stderr).toContain('--force-conflicts');
    expect((await live()).spec.template.spec.containers[0]!.image).toBe('nginx:1.28');

    const forced = await k.run(['apply', '--server-side', '--force-conflicts', '-f', f]);
    expect(forced.stdout.trim()).toBe('deployment.apps/web serverside-applied');
    expect((await live()).spec.template.spec.containers[0]!.image).toBe('nginx:1.27');
    const after = await owners();
    expect(after['kubectl-set/Update']).toBeUndefined();
    expect(after['kubectl/Apply']).toContain(image);
  });

  it('shares a field set to the same value, and names every conflict', async () => {
    const same = file('same.yaml', manifest(ns, 'nginx:1.27', { replicas: 3 }));
    const shared = await k.run(['apply', '--server-side', '--field-manager=ci', '-f', same]);
    expect(shared.code, shared.stderr).toBe(0);
    expect((await owners())['ci/Apply']).toContain('f:spec.f:replicas');
    expect((await owners())['kubectl/Apply']).toContain('f:spec.f:replicas');

    const other = file('other.yaml', manifest(ns, 'nginx:1.29', { replicas: 5 }));
    const refused = await k.run(['apply', '--server-side', '--field-manager=ci', '-f', other]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'error: Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\n- .spec.template.spec.containers[name="web"].image\n',
    );
  });

  it('removes what the applier leaves out of its file, unless someone else owns it', async () => {
    // ci still owns replicas (3) and the image; kubectl drops replicas and the tier label.
    const f = file('v2.yaml', manifest(ns, 'nginx:1.27', {}));
    const r = await k.run(['apply', '--server-side', '-f', f]);
    expect(r.code, r.stderr).toBe(0);
    let d = await live();
    expect(d.metadata.labels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(3);
    // Once nobody owns replicas, leaving it out returns it to its default.
    const ciLess = file(
      'ci.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n',
    );
    expect(
      (await k.run(['apply', '--server-side', '--field-manager=ci', '-n', ns, '-f', ciLess])).code,
    ).toBe(0);
    d = await live();
    expect(d.spec.replicas).toBe(1);
    expect((await owners())['ci/Apply']).toBeUndefined();
  });

  it('counts a scale through the subresource as a manager of replicas', async () => {
    const scaled = await k.run(['scale', 'deployment/web', '--replicas=4', '-n', ns]);
    expect(scaled.code, scaled.stderr).toBe(0);
    const entry = (await live()).metadata.managedFields.find(
      (e) => (e as Entry & { subresource?: string }).subresource === 'scale',
    );
    expect(entry).toMatchObject({ operation: 'Update', apiVersion: 'apps/v1' });
    expect(paths(entry!.fieldsV1)).toEqual(['f:spec.f:replicas']);
    const f = file('v3.yaml', manifest(ns, 'nginx:1.27', { replicas: 2 }));
    const refused = await k.run(['apply', '--server-side', '-f', f]);
    expect(refused.stderr.split('\n')[0]).toBe(
      `error: Apply failed with 1 conflict: conflict with "${entry!.manager}" with subresource "scale" using apps/v1: .spec.replicas`,
    );
  });

  it('applies client-side too: a variable left out of the file is removed', async () => {
    const withEnv = (vars: string[]): string =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: csa, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: csa}}\n  template:\n    metadata: {labels: {app: csa}}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        env: [${vars.map((v) => `{name: ${v}, value: '1'}`).join(', ')}]\n`;
    const first = await k.run(['apply', '-f', file('csa1.yaml', withEnv(['A', 'B']))]);
    expect(first.stdout.trim()).toBe('deployment.apps/csa created');
    const second = await k.run(['apply', '-f', file('csa2.yaml', withEnv(['A']))]);
    expect(second.stdout.trim()).toBe('deployment.apps/csa configured');
    const d = (await live('csa')) as unknown as {
      spec: { template: { spec: { containers: Array<{ env: Array<{ name: string }> }> } } };
    };
    expect(d.spec.template.spec.containers[0]!.env.map((e) => e.name)).toEqual(['A']);
    const managers = (await live('csa')).metadata.managedFields.map((e) => e.manager);
    expect(managers).toEqual(['kubectl-client-side-apply']);
  });

  it('owns what kubectl create set, and changes nothing on a server dry run', async () => {
    await k.run(['create', 'deployment', 'made', '--image=nginx:1.27', '-n', ns]);
    const made = await live('made');
    const [entry] = made.metadata.managedFields;
    expect(entry).toMatchObject({ manager: 'kubectl-create', operation: 'Update' });
    const fields = entry!.fieldsV1 as { 'f:spec': Record<string, Record<string, unknown>> };
    // Defaults count as set by the creator; a new pointer struct is owned itself ('.').
    expect(Object.keys(fields['f:spec']).sort()).toEqual([
      'f:progressDeadlineSeconds',
      'f:replicas',
      'f:revisionHistoryLimit',
      'f:selector',
      'f:strategy',
      'f:template',
    ]);
    expect(fields['f:spec']['f:strategy']).toEqual({
      'f:rollingUpdate': { '.': {}, 'f:maxSurge': {}, 'f:maxUnavailable': {} },
      'f:type': {},
    });
    const f = file('dry.yaml', manifest(ns, 'nginx:1.30', { replicas: 7 }));
    const dry = await k.run([
      'apply',
      '--server-side',
      '--force-conflicts',
      '--dry-run=server',
      '-f',
      f,
    ]);
    expect(dry.stdout.trim()).toBe('deployment.apps/web serverside-applied (server dry run)');
    expect((await live()).spec.replicas).toBe(4);
  });
});
