// Two independent readings of the NetworkPolicy documentation must agree: the simulator's data
// plane (src/sim) and the tool's evaluator (src/checks/netpol), over random valid policies, on
// every engine, for connections from pods to addresses outside the cluster (the metadata
// endpoint among them) on random ports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATA_PLANES } from '../../src/checks/netpol/dataplane.js';
import { Reachability } from '../../src/checks/netpol/reach.js';
import { clusterNamedPorts } from '../../src/checks/netpol/ports.js';
import { SimClock } from '../../src/sim/clock.js';
import type { KubeObject } from '../../src/sim/contracts.js';
import { decideFlow, type SimDataPlane } from '../../src/sim/kube/dataplane.js';
import { createKubeApi } from '../../src/sim/kube/index.js';
import { R } from '../../src/sim/kube/resources.js';
import { TokenTable } from '../../src/sim/tokens.js';
import { NAMESPACES, NS, podsArb, policiesArb } from '../checks/imds/arbitraries.js';

const ENGINES: Array<[SimDataPlane['engine'], keyof typeof DATA_PLANES]> = [
  ['none', 'none'],
  ['calico', 'calico'],
  ['azure', 'azure-npm'],
  ['cilium', 'cilium'],
];

describe('the simulator data plane agrees with the evaluator', () => {
  it('for pods connecting to outside addresses, on every engine', () => {
    fc.assert(
      fc.property(
        podsArb,
        policiesArb,
        fc.array(fc.oneof(fc.constant('169.254.169.254'), fc.ipV4(), fc.ipV6()), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(
          fc.tuple(fc.constantFrom('TCP', 'UDP', 'SCTP'), fc.constantFrom(53, 80, 443, 1024, 8080)),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        (pods, policies, addresses, connections) => {
          const api = createKubeApi({
            clock: new SimClock(1),
            minor: '31',
            tokens: new TokenTable(),
          });
          const objects: KubeObject[] = [
            ...NAMESPACES.map((n) => ({
              apiVersion: 'v1',
              kind: 'Namespace',
              metadata: { name: n.name, labels: n.labels },
            })),
            ...pods.map((p) => ({
              apiVersion: 'v1',
              kind: 'Pod',
              metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
              spec: {
                hostNetwork: p.hostNetwork,
                containers: [
                  {
                    name: 'c',
                    image: 'x',
                    // The pod's named ports, as the evaluator is given them.
                    ports: (p.ports ?? []).map((c) => ({
                      ...(c.name ? { name: c.name } : {}),
                      containerPort: c.port,
                      protocol: c.protocol ?? 'TCP',
                    })),
                  },
                ],
              },
            })),
            ...policies.map((p) => ({
              apiVersion: 'networking.k8s.io/v1',
              kind: 'NetworkPolicy',
              metadata: { name: p.name, namespace: p.namespace },
              spec: {
                podSelector: p.podSelector ?? {},
                ...(p.policyTypes ? { policyTypes: p.policyTypes } : {}),
                egress: p.egress ?? [],
              },
            })),
          ];
          api.world.load(objects);
          const mappedExcept = policies.some((p) =>
            (p.egress ?? []).some((r) =>
              (r.to ?? []).some((peer) =>
                (peer.ipBlock?.except ?? []).some((e) => e.startsWith('::ffff:')),
              ),
            ),
          );
          for (const [engine, plane] of ENGINES) {
            // The cluster's named ports, as the step gives them (Cilium resolves egress named
            // ports across every pod); left out, the evaluator would count any number.
            const reach = new Reachability(
              { namespaces: NAMESPACES, policies, clusterPorts: clusterNamedPorts(pods) },
              DATA_PLANES[plane],
            );
            for (const pod of pods.filter((p) => p.namespace === NS)) {
              const stored = api.context.store.get(R.pods, pod.namespace, pod.name)!;
              for (const address of addresses)
                for (const [protocol, port] of connections) {
                  const sim = decideFlow(
                    api.context.store,
                    { engine },
                    { from: stored, address, protocol, port },
                  );
                  const ours = reach.canConnect(
                    pod,
                    { kind: 'address', address },
                    { protocol, port },
                  );
                  const what = `${engine} ${pod.name} → ${address} ${protocol}/${port}`;
                  // The simulator reads an IPv4-mapped except as Go's net package does (as
                  // IPv4); the evaluator also counts engines that read it as IPv6, so there
                  // it may allow more than the simulator, never less.
                  if (mappedExcept && ours.allowed) continue;
                  expect(sim.allowed, what).toBe(ours.allowed);
                }
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
