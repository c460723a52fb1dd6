// With Azure RBAC for Kubernetes on, the simulated API server honours Azure role assignments as
// AKS's webhook does (data actions; users by UPN looked up in the tenant, groups by object id),
// asked through SubjectAccessReview with the real client.
import { AuthorizationV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';

const PLATFORM_ADMINS = '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function can(
  s: Simulator,
  who: { user: string; groups?: string[] },
  attrs: { verb: string; resource: string; group?: string; namespace?: string },
): Promise<boolean> {
  const kc = new KubeConfig();
  kc.loadFromString(s.userKubeconfig());
  const review = await kc.makeApiClient(AuthorizationV1Api).createSubjectAccessReview({
    body: {
      spec: {
        user: who.user,
        groups: who.groups ?? [],
        resourceAttributes: {
          verb: attrs.verb,
          resource: attrs.resource,
          group: attrs.group ?? '',
          namespace: attrs.namespace ?? '',
        },
      },
    },
  });
  return review.status?.allowed === true;
}

describe('Azure RBAC authorizer of the simulated AKS', () => {
  it('allows what an assigned role grants (custom and inherited built-in), nothing more', async () => {
    sim = await startSimulator({ scenario: 'azure-rbac' });
    // Priya: custom "Shop deployers" on the cluster (apps/deployments/*), by UPN.
    expect(
      await can(
        sim,
        { user: 'priya@contoso.com' },
        { verb: 'create', resource: 'deployments', group: 'apps', namespace: 'shop' },
      ),
    ).toBe(true);
    expect(
      await can(
        sim,
        { user: 'priya@contoso.com' },
        { verb: 'list', resource: 'secrets', namespace: 'shop' },
      ),
    ).toBe(false);
    // platform-admins: RBAC Reader inherited from the resource group, through the group claim.
    const member = { user: 'someone@contoso.com', groups: [PLATFORM_ADMINS] };
    expect(await can(sim, member, { verb: 'list', resource: 'pods', namespace: 'payments' })).toBe(
      true,
    );
    expect(
      await can(sim, member, { verb: 'delete', resource: 'pods', namespace: 'payments' }),
    ).toBe(false);
  });

  it('asks nothing of Azure while Azure RBAC is off', async () => {
    sim = await startSimulator({ scenario: 'azure-rbac' });
    sim.aks.state.aadProfile!.enableAzureRBAC = false;
    expect(
      await can(
        sim,
        { user: 'priya@contoso.com' },
        { verb: 'create', resource: 'deployments', group: 'apps', namespace: 'shop' },
      ),
    ).toBe(false);
  });
});
