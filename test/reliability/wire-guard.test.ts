// The wire is the guarantee: a step that forgets the mode entirely (it cordons, evicts, creates a
// NetworkPolicy and PUTs the managed cluster as if changes were allowed) still cannot change
// anything in --read-only, and in --dry-run its Kubernetes writes go as server-side dry runs and its
// ARM write is refused. Counted from the simulator's own request log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setNodeUnschedulable } from '../../src/kube/cordon.js';
import { evictPod } from '../../src/kube/eviction.js';
import { createNetworkPolicy } from '../../src/kube/network-policies.js';
import type { Connection } from '../../src/model/connection.js';
import { messageOf } from '../../src/model/errors.js';
import type { LoggedRequest } from '../../src/sim/request-log.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { defineStep } from '../../src/steps/lifecycle/define.js';
import { connectToSim, hostFor, wireMode } from '../helpers/sim-session.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'demo', speed: 1000 });
});
afterAll(() => sim.close());

/** A step that never looks at the mode: its look sends four writes and reports each outcome. */
const forgetful = defineStep({
  id: 'containers',
  initial: undefined,
  look: async (ctx) => {
    const { kc, arm } = ctx.connection;
    const node = sim.kube.listNodes()[0]!.metadata.name;
    const pod =
      sim.kube.podsOnNode(node).find((p) => !p.metadata.ownerReferences) ??
      sim.kube.podsOnNode(node)[0]!;
    const outcome = async (what: string, write: () => Promise<unknown>) => {
      try {
        await write();
        return `${what}: sent`;
      } catch (error) {
        return `${what}: ${messageOf(error)}`;
      }
    };
    return {
      facts: undefined,
      findings: [],
      summary: [
        await outcome('cordon', () => setNodeUnschedulable(kc, node, true)),
        await outcome('evict', () =>
          evictPod(kc, { namespace: pod.metadata.namespace!, name: pod.metadata.name }),
        ),
        await outcome('policy', () =>
          createNetworkPolicy(
            kc,
            {
              metadata: { namespace: 'default', name: 'forgotten-mode' },
              spec: { podSelector: {}, policyTypes: ['Egress'] },
            },
            { dryRun: false },
          ),
        ),
        await outcome('arm', async () => {
          const mc = await arm!.client.managedClusters.get(arm!.at.resourceGroup, arm!.at.name);
          await arm!.client.managedClusters
            .beginCreateOrUpdate(arm!.at.resourceGroup, arm!.at.name, mc)
            .then((poller) => poller.pollUntilDone());
        }),
      ],
    };
  },
});

async function walk(mode: { readOnly?: boolean; dryRun?: boolean }) {
  const connection: Connection = await connectToSim(sim, { mode: wireMode(mode) });
  const session = await hostFor(connection, { containers: forgetful }, mode);
  const before = sim.log.entries.length;
  await session.host.open('containers');
  const sent = sim.log.entries.slice(before);
  await session.close();
  return { result: session.store.getState().stepViews.containers?.summary ?? [], sent };
}

const changing = (entries: LoggedRequest[]) => entries.filter((e) => e.effect !== 'read');

describe('the wire guard, whatever a step does', () => {
  it('--read-only: not one of the four writes leaves the process', async () => {
    const { result, sent } = await walk({ readOnly: true });
    expect(result).toEqual([
      expect.stringMatching(/^cordon: PATCH \/api\/v1\/nodes\/\S+ was not sent: --read-only/),
      expect.stringMatching(/^evict: POST \S+\/eviction was not sent: --read-only/),
      expect.stringMatching(/^policy: POST \S+\/networkpolicies was not sent: --read-only/),
      expect.stringMatching(/^arm: PUT \S+\/managedClusters\/\S+ was not sent: --read-only/),
    ]);
    expect(changing(sent)).toEqual([]);
    expect(sent.filter((e) => e.method !== 'GET')).toEqual([]);
  });

  it('--dry-run: Kubernetes writes go as dryRun=All, the ARM write is refused', async () => {
    const { result, sent } = await walk({ dryRun: true });
    expect(result.slice(0, 3)).toEqual(['cordon: sent', 'evict: sent', 'policy: sent']);
    expect(result[3]).toMatch(/^arm: PUT \S+ was not sent: --dry-run/);
    const kube = changing(sent).filter((e) => e.api === 'kube');
    expect(kube.map((e) => e.method)).toEqual(['PATCH', 'POST', 'POST']);
    for (const e of kube) {
      expect(e.effect).toBe('dry-run');
      expect(e.status).toBeLessThan(300);
      expect(new URLSearchParams(e.query).getAll('dryRun')).toEqual(['All']);
    }
    expect(changing(sent).filter((e) => e.api === 'arm')).toEqual([]);
    expect(sim.log.writes()).toEqual([]);
    for (const n of sim.kube.listNodes())
      expect(n['spec']).not.toMatchObject({ unschedulable: true });
  });
});
