import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody, messageOf, WireError } from '../../src/sim/kube/proto/decode.js';
import { encodeMessage, k8sProtobuf } from './helpers/proto-encode.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

/** What `kubectl.1.32 create deployment web --image=nginx --replicas=2 -n default` sent (-v=9). */
const KUBECTL_DEPLOYMENT = hex(`6b 38 73 00 0a 15 0a 07 61 70 70 73 2f 76 31 12 0a 44 65 70 6c 6f 79
  6d 65 6e 74 12 b2 01 0a 26 0a 03 77 65 62 12 00 1a 07 64 65 66 61 75 6c 74 22 00 2a 00 32 00 38 00
  42 00 5a 0a 0a 03 61 70 70 12 03 77 65 62 12 7a 08 02 12 0c 0a 0a 0a 03 61 70 70 12 03 77 65 62 1a
  60 0a 1c 0a 00 12 00 1a 00 22 00 2a 00 32 00 38 00 42 00 5a 0a 0a 03 61 70 70 12 03 77 65 62 12 40
  12 22 0a 05 6e 67 69 6e 78 12 05 6e 67 69 6e 78 2a 00 42 00 6a 00 72 00 80 01 00 88 01 00 90 01 00
  a2 01 00 1a 00 32 00 42 00 4a 00 52 00 58 00 60 00 68 00 82 01 00 8a 01 00 9a 01 00 c2 01 00 22 02
  0a 00 28 00 38 00 1a 0c 08 00 10 00 18 00 20 00 28 00 38 00 1a 00 22 00`);

describe('Kubernetes protobuf bodies', () => {
  it('reads a Namespace in the k8s\\0 + runtime.Unknown envelope', () => {
    const body = Buffer.concat([
      hex('6b 38 73 00 0a 0f 0a 02 76 31 12 09'),
      Buffer.from('Namespace'),
      hex('12 07 0a 05 0a 03'),
      Buffer.from('foo'),
      hex('1a 00 22 00'),
    ]);
    expect(decodeBody(body)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'foo' },
    });
  });

  it('reads kubectl 1.32 create deployment as the JSON kubectl 1.31 sends', () => {
    expect(decodeBody(KUBECTL_DEPLOYMENT)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('keeps zeros set on purpose (Go pointers) and drops those Go writes for unset fields', () => {
    const job = {
      metadata: { name: 'j', creationTimestamp: '2026-01-02T03:04:05Z' },
      spec: {
        backoffLimit: 0,
        suspend: false,
        template: {
          spec: {
            restartPolicy: 'Never',
            hostNetwork: false,
            containers: [
              {
                name: 'c',
                image: 'busybox',
                securityContext: { runAsUser: 0, privileged: false },
                resources: { requests: { cpu: '100m', memory: '64Mi' } },
              },
            ],
            volumes: [{ name: 'scratch', emptyDir: {} }],
          },
        },
      },
    };
    const decoded = decodeBody(k8sProtobuf('batch/v1', 'Job', encodeMessage('batch.v1.Job', job)));
    const spec = decoded['spec'] as Record<string, unknown>;
    expect(spec['backoffLimit']).toBe(0);
    expect(spec['suspend']).toBe(false);
    expect(decoded['metadata']).toEqual(job.metadata);
    const pod = (spec['template'] as { spec: Record<string, unknown> }).spec;
    expect(pod['hostNetwork']).toBeUndefined();
    expect(pod['volumes']).toEqual([{ name: 'scratch', emptyDir: {} }]);
    expect(pod['containers']).toEqual(job.spec.template.spec.containers);
  });

  it('reads int-or-string budgets and rules of roles and bindings', () => {
    const pdb = { metadata: { name: 'p' }, spec: { minAvailable: '50%', maxUnavailable: 1 } };
    expect(
      decodeBody(
        k8sProtobuf(
          'policy/v1',
          'PodDisruptionBudget',
          encodeMessage('policy.v1.PodDisruptionBudget', pdb),
        ),
      ),
    ).toMatchObject(pdb);
    const binding = {
      metadata: { name: 'b', namespace: 'shop' },
      subjects: [{ kind: 'ServiceAccount', name: 'sa', namespace: 'shop' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    };
    expect(
      decodeBody(
        k8sProtobuf(
          'rbac.authorization.k8s.io/v1',
          'RoleBinding',
          encodeMessage('rbac.v1.RoleBinding', binding),
        ),
      ),
    ).toEqual({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', ...binding });
  });

  it('names DeleteOptions the same whatever group version it travels as', () => {
    expect(messageOf('v1', 'DeleteOptions')).toBe('meta.v1.DeleteOptions');
    expect(messageOf('apps/v1', 'DeleteOptions')).toBe('meta.v1.DeleteOptions');
    expect(messageOf('v1', 'Service')).toBeUndefined();
  });

  it('refuses what is not a Kubernetes protobuf body, and truncated ones', () => {
    expect(() => decodeBody(Buffer.from('{"kind":"Namespace"}'))).toThrow(WireError);
    expect(() => decodeBody(KUBECTL_DEPLOYMENT.subarray(0, 60))).toThrow(WireError);
  });

  it('round-trips any role rules and labels', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
    fc.assert(
      fc.property(
        fc.dictionary(word, word, { maxKeys: 4 }),
        fc.array(
          fc.record({
            verbs: fc.array(word, { minLength: 1, maxLength: 3 }),
            apiGroups: fc.array(fc.constantFrom('', 'apps', '*'), { maxLength: 2 }),
            resources: fc.array(word, { maxLength: 3 }),
          }),
          { maxLength: 3 },
        ),
        (labels, rules) => {
          const role = { metadata: { name: 'r', namespace: 'ns', labels }, rules };
          const back = decodeBody(
            k8sProtobuf(
              'rbac.authorization.k8s.io/v1',
              'Role',
              encodeMessage('rbac.v1.Role', role),
            ),
          );
          const want = {
            ...role,
            rules: rules.map((r) =>
              Object.fromEntries(Object.entries(r).filter(([, v]) => v.length > 0)),
            ),
          };
          // An empty list or map is absent on the wire, as Go's nil.
          if (rules.length === 0) delete (want as Record<string, unknown>)['rules'];
          if (Object.keys(labels).length === 0)
            delete (want.metadata as Record<string, unknown>)['labels'];
          expect(back).toEqual({
            apiVersion: 'rbac.authorization.k8s.io/v1',
            kind: 'Role',
            ...want,
          });
        },
      ),
    );
  });
});
