// Scenario objects pass through the simulated API server's own defaulting and validation: what a
// create would refuse is an error naming the file and the line; what it would default is defaulted.
import { afterEach, describe, expect, it } from 'vitest';
import { scenarioFromFiles } from '../../src/sim/scenario.js';
import { startKube, type KubeTestServer } from './helpers/kube-server.js';
import { minimalDescriptor } from '../helpers/scenario-descriptor.js';

const DESCRIPTOR = minimalDescriptor();

const policy = (egress: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
  podSelector: {}
${extra}  egress:
${egress}`;

function load(text: string) {
  return scenarioFromFiles('x', [
    { name: 'x/aks.yaml', text: DESCRIPTOR },
    { name: 'x/objects.yaml', text },
  ]);
}

describe('scenario objects are validated like a create', () => {
  const refused: Array<[string, string, RegExp]> = [
    [
      "the AKS article's sample CIDR",
      policy(
        '    - to:\n        - ipBlock:\n            cidr: 10.10.0.0/0#example\n            except: [169.254.169.254/32]\n',
      ),
      /^x\/objects\.yaml:11: NetworkPolicy shop\/p is invalid: spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: Invalid value: "10\.10\.0\.0\/0#example": must be a valid CIDR value/,
    ],
    [
      'a peer with both ipBlock and podSelector',
      policy(
        '    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n          podSelector: {}\n',
      ),
      /^x\/objects\.yaml:10: .*spec\.egress\[0\]\.to\[0\]: Forbidden: may not specify both ipBlock and another peer/,
    ],
    [
      'an except outside its CIDR',
      policy(
        '    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except:\n              - 169.254.169.254/32\n',
      ),
      /^x\/objects\.yaml:13: .*spec\.egress\[0\]\.to\[0\]\.ipBlock\.except\[0\]: Invalid value: "169\.254\.169\.254\/32": must be a strict subset of `cidr`/,
    ],
    [
      'an empty peer',
      policy('    - to:\n        - {}\n'),
      /^x\/objects\.yaml:10: .*spec\.egress\[0\]\.to\[0\]: Required value: must specify a peer/,
    ],
    [
      'a lowercase policy type',
      policy('    - {}\n', '  policyTypes: [egress]\n'),
      /^x\/objects\.yaml:8: .*spec\.policyTypes\[0\]: Unsupported value: "egress": supported values: "Egress", "Ingress"/,
    ],
    [
      'an endPort with a named port',
      policy('    - ports:\n        - port: http\n          endPort: 90\n'),
      /spec\.egress\[0\]\.ports\[0\]\.endPort: Invalid value: 90: may not be specified when `port` is non-numeric/,
    ],
    [
      'a selector operator that does not exist',
      policy(
        '    - to:\n        - podSelector:\n            matchExpressions:\n              - {key: app, operator: Gt, values: ["1"]}\n',
      ),
      /spec\.egress\[0\]\.to\[0\]\.podSelector\.matchExpressions\[0\]\.operator: Invalid value: "Gt": not a valid selector operator/,
    ],
    [
      'an uppercase namespace name',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Shop\n',
      /^x\/objects\.yaml:4: Namespace Shop is invalid: metadata\.name: Invalid value: "Shop": a lowercase RFC 1123 label/,
    ],
    [
      'an object in an uppercase namespace',
      'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n  namespace: Shop\n',
      /^x\/objects\.yaml:5: ServiceAccount Shop\/sa is invalid: metadata\.namespace: Invalid value: "Shop"/,
    ],
    [
      'a kind the simulator does not serve',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: c\n',
      /^x\/objects\.yaml:2: kind Service \(v1\) is not served by the simulated API server; remove it, or keep to the kinds it serves: Namespace, Node, Pod/,
    ],
    [
      'an apiVersion the simulated version does not serve',
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: pdb\nspec: {}\n',
      /^x\/objects\.yaml:2: policy\/v1beta1 PodDisruptionBudget is not served by the simulated API server: use apiVersion policy\/v1/,
    ],
    [
      'a label value the API server refuses',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: "a b"\n',
      /metadata\.labels: Invalid value: "a b": a valid label must be an empty string/,
    ],
  ];
  it.each(refused)('refuses %s, naming file and line', (_what, text, message) => {
    expect(() => load(text)).toThrow(message);
  });

  it('applies the defaults a create applies: policyTypes, port protocol, the namespace name label', () => {
    const s = load(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n${policy('    - ports:\n        - port: 53\n')}`,
    );
    const [ns, np] = s.objects;
    expect(ns!.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
    expect(np!['spec']).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [{ ports: [{ port: 53, protocol: 'TCP' }] }],
    });
  });
});

describe('the API server applies the same defaults and checks on create', () => {
  let s: KubeTestServer | undefined;
  afterEach(async () => {
    await s?.close();
    s = undefined;
  });

  it('a NetworkPolicy created without policyTypes gets them; the article sample is refused', async () => {
    s = await startKube();
    const admin = s.token('admin', ['system:masters']);
    const path = '/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies';
    const body = (cidr: string) => ({
      metadata: { name: `p-${cidr.length}` },
      spec: { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 443 }] }] },
    });
    const created = await s.call('POST', path, { token: admin, body: body('10.0.0.0/8') });
    expect(created.status).toBe(201);
    expect((created.body as { spec: unknown }).spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
      egress: [
        { to: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 443, protocol: 'TCP' }] },
      ],
    });
    const refused = await s.call('POST', path, { token: admin, body: body('10.10.0.0/0#example') });
    expect(refused.status).toBe(422);
  });
});
