import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { assessImds, type ImdsFacts } from '../../../src/checks/imds/assess.js';
import { engineTraits } from '../../../src/checks/imds/engine.js';
import { proposalsFor } from '../../../src/checks/imds/proposals.js';
import { kubectl, requireKubectl } from '../../sim/helpers/kube-kubectl.js';
import { startKube, writeKubeconfig } from '../../sim/helpers/kube-server.js';
import { kubeYaml } from '../../../src/model/kube-yaml.js';

// The targeted policy is shown "review, then kubectl apply -f". kubectl reads YAML as YAML 1.1
// (sigs.k8s.io/yaml), where plain yes/no/on/off are booleans, and LabelSelector.matchLabels is
// map[string]string (kubernetes.io/docs/reference/kubernetes-api/common-definitions/label-selector/).
// The step prints the pods' label `canary: "yes"` unquoted (`canary: yes`), so the real kubectl
// 1.32 turns it into `true`: the policy it sends does not select the pods it was checked for
// (the API server refuses a bool there).
it('the targeted policy YAML keeps a label value "yes" a string when kubectl reads it', async () => {
  requireKubectl();
  const facts: ImdsFacts = {
    engine: {
      known: true,
      networkPlugin: 'azure',
      networkPolicy: 'calico',
      resourceGroup: 'rg',
      cluster: 'aks',
    },
    enginePolicies: [],
    namespaces: [{ name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } }],
    pods: [
      { namespace: 'shop', name: 'web-1', labels: { app: 'web' }, hostNetwork: false },
      {
        namespace: 'shop',
        name: 'db-1',
        labels: { app: 'db', canary: 'yes' },
        hostNetwork: false,
      },
    ],
    policies: [
      {
        namespace: 'shop',
        name: 'web-egress',
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }],
      },
    ],
  };
  const assessment = assessImds(facts);
  const fix = (proposalsFor(facts, assessment, engineTraits(facts.engine)).get('shop') ?? []).find(
    (f) => f.offered && f.yaml.includes('canary'),
  );
  expect(fix).toBeDefined();
  const server = await startKube();
  const kc = writeKubeconfig(server, server.token('alice@contoso.com', ['system:masters']));
  try {
    const env = { kubeconfig: kc.path, home: kc.dir };
    const file = join(kc.dir, 'targeted.yaml');
    writeFileSync(file, fix!.yaml);
    const r = await kubectl(['apply', '--dry-run=client', '-o', 'json', '-f', file], env);
    expect(r.code).toBe(0);
    const sent = JSON.parse(r.stdout) as {
      spec: { podSelector: { matchLabels: Record<string, unknown> } };
    };
    expect(sent.spec.podSelector.matchLabels['canary']).toBe('yes');
  } finally {
    kc.cleanup();
    await server.close();
  }
}, 60_000);

// Every YAML the tool prints for kubectl goes through kubeYaml: the real kubectl must read back
// each string as written, as a label key and as a label value, whatever go-yaml v2 makes of it
// plain (booleans in every case, null, Go integers, floats).
it('kubeYaml output reads back, through the real kubectl, with every string a string', async () => {
  requireKubectl();
  const tricky = [
    ...['y', 'N', 'yes', 'No', 'ON', 'off', 'True', 'FALSE', '~', 'null', 'NULL', ''],
    ...['0', '0777', '0o17', '0O17', '0x1F', '0B11', '-0b1', '1_000', '1e3', '.5', '5.', '1_0.5'],
    ...['.inf', '-.Inf', '.NaN', '<<', 'web', '10.0.0.0/8', '2001-01-01'],
  ];
  const matchLabels = Object.fromEntries(tricky.map((t, i) => [`k${i}`, t]));
  const keyed = Object.fromEntries(tricky.filter((t) => t !== '').map((t) => [t, 'v']));
  const manifest = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'strings', namespace: 'shop', labels: keyed },
    spec: { podSelector: { matchLabels }, policyTypes: ['Egress'], egress: [] },
  };
  const server = await startKube();
  const kc = writeKubeconfig(server, server.token('alice@contoso.com', ['system:masters']));
  try {
    const env = { kubeconfig: kc.path, home: kc.dir };
    const file = join(kc.dir, 'strings.yaml');
    writeFileSync(file, kubeYaml(manifest));
    const r = await kubectl(['apply', '--dry-run=client', '-o', 'json', '-f', file], env);
    expect(r.stderr).toBe('');
    const sent = JSON.parse(r.stdout) as typeof manifest;
    expect(sent.spec.podSelector.matchLabels).toEqual(matchLabels);
    expect(sent.metadata.labels).toEqual(keyed);
  } finally {
    kc.cleanup();
    await server.close();
  }
}, 60_000);
