// The simulator's Microsoft Graph, over raw HTTPS: the wire shapes the resolver relies on, from the
// Graph API reference (getByIds, groups with startswith/$count, members/$count, users, $batch).
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/sim/scenario.js';
import { startSimulator, type Simulator } from '../../src/sim/simulator.js';

const ADMIN_GROUP = '6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f';
const PLATFORM_ADMINS = '7a2d3b5f-4c6e-4d8f-a091-2b3c4d5e6f70';

interface Answer {
  status: number;
  body: unknown;
  text: string;
}

function call(
  sim: Simulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  token: string | null = sim.arm.token,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${sim.baseUrl}${path}`,
      {
        method,
        ca: sim.caCert,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // text/plain ($count)
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, text });
        });
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('simulated Microsoft Graph (demo tenant)', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'demo' });
  });
  afterAll(() => sim.close());

  it('getByIds returns typed directory objects and leaves unknown ids out', async () => {
    const a = await call(sim, 'POST', '/v1.0/directoryObjects/getByIds', {
      ids: [
        ADMIN_GROUP,
        '1c7a8b4d-2e3f-4a61-9bac-1d2e3f4a5b6c',
        '00000000-0000-0000-0000-0000000000ff',
      ],
    });
    expect(a.status).toBe(200);
    const value = (a.body as { value: Array<Record<string, unknown>> }).value;
    expect(value.map((o) => [o['@odata.type'], o['displayName']])).toEqual([
      ['#microsoft.graph.group', 'aks-shop-prod-admins'],
      ['#microsoft.graph.user', 'Jordan Reyes'],
    ]);
    expect(value[1]).toMatchObject({ userPrincipalName: 'jordan@contoso.com' });
  });

  it('getByIds refuses more than 1000 ids in one call', async () => {
    const ids = Array.from(
      { length: 1001 },
      (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
    );
    const a = await call(sim, 'POST', '/v1.0/directoryObjects/getByIds', { ids });
    expect(a.status).toBe(400);
    expect(a.body).toMatchObject({ error: { code: 'Request_BadRequest' } });
  });

  it('filters groups by displayName prefix; $count needs ConsistencyLevel: eventual', async () => {
    const q = `/v1.0/groups?$filter=${encodeURIComponent("startswith(displayName,'PLAT')")}&$count=true`;
    const refused = await call(sim, 'GET', q);
    expect(refused.status).toBe(400);
    const a = await call(sim, 'GET', q, undefined, { ConsistencyLevel: 'eventual' });
    expect(a.status).toBe(200);
    const body = a.body as { value: Array<{ displayName: string }>; '@odata.count': number };
    expect(body['@odata.count']).toBe(3);
    expect(body.value.map((g) => g.displayName)).toEqual([
      'platform-admins',
      'platform-announcements',
      'platform-oncall',
    ]);
    const odd = await call(
      sim,
      'GET',
      `/v1.0/groups?$filter=${encodeURIComponent('endswith(mail,1)')}`,
    );
    expect(odd.status).toBe(400);
  });

  it('counts members (direct and nested) as text, and reads users by UPN', async () => {
    const eventual = { ConsistencyLevel: 'eventual' };
    const direct = await call(
      sim,
      'GET',
      `/v1.0/groups/${PLATFORM_ADMINS}/members/$count`,
      undefined,
      eventual,
    );
    expect(direct.text).toBe('3');
    const nested = await call(
      sim,
      'GET',
      `/v1.0/groups/${PLATFORM_ADMINS}/transitiveMembers/$count`,
      undefined,
      eventual,
    );
    expect(nested.text).toBe('4');
    const user = await call(sim, 'GET', '/v1.0/users/sam%40contoso.com');
    expect(user.body).toMatchObject({
      displayName: 'Sam Patel',
      id: '2d8b9c5e-3f4a-4b72-acbd-2e3f4a5b6c7d',
    });
    const missing = await call(sim, 'GET', '/v1.0/users/nobody%40contoso.com');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { code: 'Request_ResourceNotFound' } });
  });

  it('answers a $batch of GETs part by part, and refuses more than 20 parts', async () => {
    const a = await call(sim, 'POST', '/v1.0/$batch', {
      requests: [
        { id: 'u', method: 'GET', url: '/users/alex@contoso.com' },
        {
          id: 'n',
          method: 'GET',
          url: `/groups/${ADMIN_GROUP}/transitiveMembers/$count`,
          headers: { ConsistencyLevel: 'eventual' },
        },
        { id: 'x', method: 'GET', url: '/users/ghost@contoso.com' },
      ],
    });
    const responses = (
      a.body as { responses: Array<{ id: string; status: number; body: unknown }> }
    ).responses;
    expect(responses.map((r) => [r.id, r.status])).toEqual([
      ['u', 200],
      ['n', 200],
      ['x', 404],
    ]);
    expect(responses[1]!.body).toBe('1');
    const many = Array.from({ length: 21 }, (_, i) => ({
      id: String(i),
      method: 'GET',
      url: '/users/alex@contoso.com',
    }));
    expect((await call(sim, 'POST', '/v1.0/$batch', { requests: many })).status).toBe(400);
  });

  it('checks membership through nested groups', async () => {
    const a = await call(sim, 'POST', '/v1.0/users/alex%40contoso.com/checkMemberGroups', {
      groupIds: [PLATFORM_ADMINS, '9c4f5d71-6e80-4fa1-82b3-4d5e6f708192'],
    });
    expect((a.body as { value: string[] }).value).toEqual([PLATFORM_ADMINS]);
  });

  it('logs Graph questions as reads and refuses a missing token with 401', async () => {
    const before = sim.log.entries.length;
    await call(sim, 'POST', '/v1.0/directoryObjects/getByIds', { ids: [ADMIN_GROUP] });
    expect(sim.log.entries.slice(before)).toMatchObject([
      { api: 'graph', effect: 'read', status: 200 },
    ]);
    const anonymous = await call(sim, 'GET', '/v1.0/groups', undefined, {}, null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toMatchObject({ error: { code: 'InvalidAuthenticationToken' } });
  });
});

describe('simulated Microsoft Graph without directory rights', () => {
  it('answers 403 Authorization_RequestDenied', async () => {
    const scenario = await loadScenario('demo');
    scenario.descriptor.entra!.operatorPermissions = [];
    const sim = await startSimulator({ scenario });
    try {
      const a = await call(sim, 'POST', '/v1.0/directoryObjects/getByIds', { ids: [ADMIN_GROUP] });
      expect(a.status).toBe(403);
      expect(a.body).toMatchObject({
        error: {
          code: 'Authorization_RequestDenied',
          message: 'Insufficient privileges to complete the operation.',
        },
      });
      // User.ReadBasic.All alone reads users but not the directory at large.
      scenario.descriptor.entra!.operatorPermissions.push('User.ReadBasic.All');
      expect((await call(sim, 'GET', '/v1.0/users/alex%40contoso.com')).status).toBe(200);
      expect((await call(sim, 'GET', '/v1.0/groups')).status).toBe(403);
    } finally {
      await sim.close();
    }
  });
});
