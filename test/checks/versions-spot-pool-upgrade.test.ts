// A Spot pool's upgrade: AKS adds no surge node to a Spot pool and does not drain it, so its nodes
// go out of service with nothing replacing them first and its budgets are not honoured. The
// priority is carried from ARM into the facts, and the batch, capacity and plans say so.
import { describe, expect, it } from 'vitest';
import type { AgentPool, ManagedCluster } from '@azure/arm-containerservice';
import { versionFactsFromArm } from '../../src/checks/versions/from-arm.js';
import { batchText, upgradeBatch } from '../../src/checks/versions/upgrade-batch.js';
import { nodeImagePlan } from '../../src/steps/node-image/plan.js';
import { poolBlockers } from '../../src/checks/versions/pool-blockers.js';
import { capacityLoss, capacityWords } from '../../src/checks/versions/capacity-loss.js';

const cluster: ManagedCluster = {
  location: 'westeurope',
  name: 'aks-one',
  kubernetesVersion: '1.32.5',
  currentKubernetesVersion: '1.32.5',
  provisioningState: 'Succeeded',
};

// As `az aks nodepool show` prints a Spot pool (spot-node-pool article): scaleSetPriority Spot,
// upgradeSettings all null (AKS defaults).
const spot: AgentPool = {
  name: 'spot',
  mode: 'User',
  osType: 'Linux',
  count: 3,
  orchestratorVersion: '1.31.8',
  currentOrchestratorVersion: '1.31.8',
  provisioningState: 'Succeeded',
  scaleSetPriority: 'Spot',
  scaleSetEvictionPolicy: 'Delete',
  spotMaxPrice: -1,
  typePropertiesType: 'VirtualMachineScaleSets',
};

function spotPool(pool: AgentPool = spot) {
  const facts = versionFactsFromArm({
    cluster,
    pools: [pool],
    profile: {
      controlPlaneProfile: { kubernetesVersion: '1.32.5', osType: 'Linux' },
      agentPoolProfiles: [],
    },
    poolProfiles: {},
    versions: [],
    maintenance: { names: [] },
  });
  return facts.pools[0]!;
}

describe('the upgrade of a Spot node pool', () => {
  // learn.microsoft.com/azure/aks/spot-node-pool, "Upgrade a Spot node pool": "AKS internally
  // issues a cordon and an eviction notice, but no drain is applied. There are no surge nodes
  // available for Spot node pool upgrades." The batch the pool question and the node-image plan
  // describe must not be a surge, and the capacity the pool loses meanwhile must be said.
  it('is planned in place with no drain, and its capacity loss is said', () => {
    const pool = spotPool();
    const batch = upgradeBatch(pool.settings, pool.count);
    expect(batch.mode).toBe('in-place');
    expect(batch.noDrain).toBe(true);
    expect(batchText(batch)).toMatch(/PodDisruptionBudgets are not honoured/);
    const loss = capacityLoss(pool.settings, pool.count);
    expect(loss).toMatchObject({ out: 1, left: 2, path: 'planned', spot: true });
    expect(capacityWords('spot', loss!)).toMatch(/no surge node to a Spot pool/);
  });

  it('ignores maxSurge (no surge node for Spot), and reads the priority however ARM cases it', () => {
    const pool = spotPool({
      ...spot,
      scaleSetPriority: 'spot',
      upgradeSettings: { maxSurge: '33%' },
    });
    expect(upgradeBatch(pool.settings, pool.count)).toMatchObject({
      mode: 'in-place',
      noDrain: true,
    });
  });

  it('is held by no budget: AKS does not drain it', () => {
    const pool = spotPool();
    const pdb = {
      namespace: 'shop',
      name: 'web',
      disruptionsAllowed: 0,
      expectedPods: 2,
      podNodes: ['aks-spot-0', 'aks-spot-1'],
      workloads: [],
    };
    const nodePools = { 'aks-spot-0': 'spot', 'aks-spot-1': 'spot' };
    expect(poolBlockers(pool, [pdb as never], nodePools)).toEqual([]);
  });

  it("is a node image upgrade in place, no drain, in the node-image step's plan", () => {
    const plan = nodeImagePlan(
      {
        name: 'spot',
        count: 3,
        nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202501.01.0',
        latestNodeImageVersion: 'AKSUbuntu-2204gen2containerd-202502.01.0',
        drain: { scaleSetPriority: 'Spot' },
        nodes: [],
      } as never,
      'aks-one',
    );
    expect(plan.change).toMatch(/Spot pool: in place, no surge nodes and no drain/);
    expect(plan.lines.join('\n')).toMatch(/does not drain it/);
  });

  it('a Regular pool keeps the surge (control)', () => {
    const pool = spotPool({ ...spot, scaleSetPriority: 'Regular' });
    expect(upgradeBatch(pool.settings, pool.count).mode).toBe('surge');
  });
});
