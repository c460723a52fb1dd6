// ARM like ARM, through the real Azure SDK and raw HTTPS: api-versions the provider does not serve
// are refused with ARM's error, polling URLs keep the caller's api-version, tags are PATCHed, and
// every answer carries ARM's request, correlation and ETag headers.
import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { afterEach, describe, expect, it } from 'vitest';
import { rawArm, startArm, type ArmHarness } from '../arm-helpers.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function client(h: ArmHarness, apiVersion?: string): ContainerServiceClient {
  const credential: TokenCredential = {
    getToken: () => Promise.resolve({ token: h.token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return new ContainerServiceClient(credential, h.aks.coordinates.subscriptionId, {
    endpoint: h.https.baseUrl,
    tlsOptions: { ca: h.caCert },
    retryOptions: { maxRetries: 0 },
    ...(apiVersion ? { apiVersion } : {}),
  });
}

describe('ARM like ARM', () => {
  let h: ArmHarness | undefined;
  afterEach(async () => h?.close());
  const mc = (h: ArmHarness, query: string): string => {
    const c = h.aks.coordinates;
    return `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}${query}`;
  };

  it('refuses an api-version the provider does not serve, as ARM words it', async () => {
    h = await startArm('minimal');
    for (const v of ['2019-01-01', 'latest', '2026-06-01-preview-x']) {
      const r = await rawArm(h, 'GET', mc(h, `?api-version=${v}`));
      expect(r.status).toBe(400);
      const error = (r.body as { error: { code: string; message: string } }).error;
      expect(error.code).toBe('InvalidApiVersionParameter');
      expect(error.message).toMatch(
        new RegExp(
          `^The api-version '${v}' is invalid\\. The supported versions are '2026-08-01,2026-07-01,.*,2017-08-31'\\.$`,
        ),
      );
    }
    const missing = await rawArm(h, 'GET', mc(h, ''));
    expect((missing.body as { error: { code: string } }).error.code).toBe(
      'MissingApiVersionParameter',
    );
    for (const v of ['2026-06-01', '2025-10-01', '2024-02-01', '2025-08-02-preview'])
      expect((await rawArm(h, 'GET', mc(h, `?api-version=${v}`))).status).toBe(200);
  });

  it("keeps the caller's api-version in the operation's polling URLs", async () => {
    h = await startArm('minimal');
    const c = h.aks.coordinates;
    const sdk = client(h, '2025-10-01');
    await sdk.agentPools
      .upgradeNodeImageVersion(c.resourceGroup, c.name, 'system', { updateIntervalInMs: 5 })
      .pollUntilDone();
    const polls = h.https.log.entries.filter((e) => e.path.includes('/operation'));
    expect(polls.length).toBeGreaterThan(0);
    for (const p of polls) expect(p.query).toBe('?api-version=2025-10-01');
    const started = await rawArm(h, 'POST', mc(h, '/abort?api-version=2024-10-01'));
    expect(started.status).toBe(409);
  });

  it('updates tags with PATCH, under If-Match', async () => {
    h = await startArm('minimal');
    const c = h.aks.coordinates;
    const sdk = client(h);
    const updated = await sdk.managedClusters
      .updateTags(
        c.resourceGroup,
        c.name,
        { tags: { env: 'training', owner: 'me' } },
        { updateIntervalInMs: 5 },
      )
      .pollUntilDone();
    expect(updated.tags).toEqual({ env: 'training', owner: 'me' });
    expect((await sdk.managedClusters.get(c.resourceGroup, c.name)).tags).toEqual({
      env: 'training',
      owner: 'me',
    });
    const stale = await rawArm(
      h,
      'PATCH',
      mc(h, '?api-version=2026-06-01'),
      { tags: {} },
      h.token,
      { 'if-match': '"not-it"' },
    );
    expect(stale.status).toBe(412);
    expect((stale.body as { error: { code: string } }).error.code).toBe('PreconditionFailed');
  });

  it("answers with ARM's request, correlation and ETag headers", async () => {
    h = await startArm('minimal');
    const r = await rawArm(h, 'GET', mc(h, '?api-version=2026-06-01'), undefined, h.token, {
      'x-ms-correlation-request-id': 'c0ffee00-0000-4000-8000-000000000001',
    });
    expect(r.headers.get('x-ms-request-id')).toMatch(UUID);
    expect(r.headers.get('x-ms-correlation-request-id')).toBe(
      'c0ffee00-0000-4000-8000-000000000001',
    );
    expect(r.headers.get('etag')).toBe(`"${(r.body as { eTag: string }).eTag}"`);
    const other = await rawArm(h, 'GET', mc(h, '?api-version=2026-06-01'));
    expect(other.headers.get('x-ms-correlation-request-id')).toMatch(UUID);
    expect(other.headers.get('x-ms-request-id')).not.toBe(r.headers.get('x-ms-request-id'));
    const refused = await rawArm(h, 'GET', mc(h, '?api-version=1999-01-01'));
    expect(refused.headers.get('x-ms-request-id')).toMatch(UUID);
  });
});
