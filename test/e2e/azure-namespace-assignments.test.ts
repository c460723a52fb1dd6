// Azure RBAC for Kubernetes is granted at namespace scope too (`<cluster>/namespaces/<ns>`, the
// AKS docs' way to give a team one namespace): those assignments reach the cluster's Kubernetes
// API, so a user holding an AKS role there directly is rbac.azure-user-assignment like one at the
// cluster. Listing with atScope() returns only the scope and above, never the namespaces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoleAssignments } from '../../src/azure/role-assignments.js';
import { builtInFiles } from '../../src/sim/scenario/import.js';
import { scenarioFromFiles } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';
import { rbacStep } from '../../src/steps/rbac/index.js';
import { connectToSim } from '../helpers/sim-session.js';
import { stepSession } from './security-step-session.js';

const RILEY = '4fa0be70-5b6c-4d94-8edf-4a5b6c7d8e9f';
let sim: Simulator;
beforeAll(async () => {
  const files = builtInFiles('azure-rbac')!.map((f) =>
    f.name === 'cluster.yaml'
      ? {
          ...f,
          text: f.text.replace(
            '  assignments:\n',
            `  assignments:\n    - { principalId: ${RILEY}, principalType: User, role: Azure Kubernetes Service RBAC Writer, scope: namespace/shop }\n`,
          ),
        }
      : f,
  );
  sim = await startSimulator({ scenario: scenarioFromFiles('azure-rbac-namespace', files) });
});
afterAll(() => sim.close());

describe('Azure role assignments at a namespace of the cluster', () => {
  it('are read with the cluster and those above it', async () => {
    const connection = await connectToSim(sim);
    const clusterId = connection.arm!.facts.cluster.id!;
    const read = await readRoleAssignments(connection.arm!.authorization!, clusterId);
    const scopes = read.assignments.map((a) => a.scope.replace(clusterId, '<cluster>'));
    expect(scopes).toContain('<cluster>/namespaces/shop');
    expect(scopes).toHaveLength(6);
  });

  it('a user holding an AKS role at a namespace directly is rbac.azure-user-assignment there', async () => {
    const s = await stepSession(sim, 'rbac', rbacStep);
    await s.host.open('rbac');
    expect(s.view().summary).toContain(
      'Azure role assignments reaching the cluster: 6 (3 inherited from above, 1 in namespaces); Azure RBAC authorizes Kubernetes requests.',
    );
    // Her role's data actions at that namespace also give the capability findings (medium there).
    const riley = (s.view().findings ?? []).filter(
      (f) => f.principal?.id === RILEY && f.id === 'rbac.azure-user-assignment',
    );
    expect(riley).toHaveLength(1);
    expect(riley[0]!.message).toContain(
      'holds Azure role "Azure Kubernetes Service RBAC Writer" in namespace shop',
    );
    await s.host.stop();
  });
});
