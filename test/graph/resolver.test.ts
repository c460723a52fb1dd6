// The Graph resolver against the simulator over real HTTPS: batching of getByIds (1000 ids a
// call, counted in the simulator's request log), the session cache, UPNs through $batch, group
// search, and the degraded paths (no rights, Graph unreachable) that leave GUIDs and one line.
import { afterEach, describe, expect, it } from 'vitest';
import { GraphDirectory } from '../../src/graph/directory.js';
import { entryOf } from '../../src/model/directory.js';
import { fixedTokenCredential } from '../../src/target/credential.js';
import { loadScenario, type Scenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';

const ADMIN_GROUP = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function directoryOf(s: Simulator, endpoint = s.arm.endpoint): GraphDirectory {
  return new GraphDirectory({
    credential: fixedTokenCredential(s.arm.token),
    endpoint,
    scope: 'https://graph.microsoft.com/.default',
    caCert: s.caCert,
    timeoutMs: 10_000,
  });
}

const graphCalls = (s: Simulator, path: string) =>
  s.log.entries.filter((e) => e.api === 'graph' && e.path === path).length;

function idOf(i: number): string {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

describe('GraphDirectory', () => {
  it('resolves 2,500 ids in three getByIds calls, and asks nothing again for cached ids', async () => {
    const scenario: Scenario = await loadScenario('demo');
    const users = Array.from({ length: 2500 }, (_, i) => ({
      id: idOf(i),
      displayName: `User ${i}`,
      userPrincipalName: `user${i}@contoso.com`,
    }));
    scenario.descriptor.entra!.users.push(...users);
    sim = await startSimulator({ scenario });
    const dir = directoryOf(sim);
    const lookup = await dir.resolve(users.map((u) => u.id.toUpperCase()));
    expect(lookup.unresolved).toBeUndefined();
    expect(lookup.found.size).toBe(2500);
    expect(entryOf(lookup, idOf(2499))).toMatchObject({
      kind: 'user',
      name: 'User 2499',
      upn: 'user2499@contoso.com',
    });
    expect(graphCalls(sim, '/v1.0/directoryObjects/getByIds')).toBe(3);
    const again = await dir.resolve([idOf(7), idOf(1999)]);
    expect(again.found.size).toBe(2);
    expect(graphCalls(sim, '/v1.0/directoryObjects/getByIds')).toBe(3);
  });

  it('resolves UPNs through $batch and groups with member counts and security flag', async () => {
    sim = await startSimulator({ scenario: 'demo' });
    const dir = directoryOf(sim);
    const lookup = await dir.resolve(['jordan@contoso.com', ADMIN_GROUP, 'ghost@contoso.com']);
    expect(lookup.unresolved).toBeUndefined();
    expect(entryOf(lookup, 'Jordan@Contoso.com')).toMatchObject({
      kind: 'user',
      name: 'Jordan Reyes',
    });
    expect(entryOf(lookup, ADMIN_GROUP)).toMatchObject({
      kind: 'group',
      name: 'aks-shop-prod-admins',
      memberCount: 1,
      securityEnabled: true,
    });
    expect(entryOf(lookup, 'ghost@contoso.com')).toBeUndefined();
    const search = await dir.searchGroups('plat');
    expect(search).toMatchObject({ total: 3 });
    if ('groups' in search)
      expect(search.groups.map((g) => [g.name, g.memberCount, g.securityEnabled])).toEqual([
        ['platform-admins', 4, true],
        ['platform-announcements', 2, false],
        ['platform-oncall', 0, true],
      ]);
    expect(await dir.isMember('jordan@contoso.com', '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70')).toBe(
      true,
    );
    expect(await dir.isMember('sam@contoso.com', '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70')).toBe(
      false,
    );
  });

  it('without Graph rights: no names, one line naming the permission, and no second attempt', async () => {
    const scenario = await loadScenario('demo');
    scenario.descriptor.entra!.operatorPermissions = [];
    sim = await startSimulator({ scenario });
    const dir = directoryOf(sim);
    const lookup = await dir.resolve([ADMIN_GROUP, 'jordan@contoso.com']);
    expect(lookup.found.size).toBe(0);
    expect(lookup.unresolved).toMatch(/Authorization_RequestDenied.*Directory\.Read\.All/);
    expect(lookup.unresolved!.split('\n')).toHaveLength(1);
    const before = sim.log.entries.length;
    expect((await dir.resolve([ADMIN_GROUP])).unresolved).toBe(lookup.unresolved);
    expect(await dir.searchGroups('plat')).toEqual({ unavailable: lookup.unresolved });
    expect(sim.log.entries.length).toBe(before);
  });

  it('when Graph cannot be reached: no names and one line, never a throw', async () => {
    sim = await startSimulator({ scenario: 'demo' });
    const dir = directoryOf(sim, 'https://127.0.0.1:1');
    const lookup = await dir.resolve([ADMIN_GROUP]);
    expect(lookup.found.size).toBe(0);
    // What could not be reached and what to do; never the client's "connect ECONNREFUSED 127…".
    expect(lookup.unresolved).toBe(
      'Names not shown (Entra object ids only): cannot reach Microsoft Graph (ECONNREFUSED); check the address, the network, a VPN or a private cluster',
    );
  });
});
