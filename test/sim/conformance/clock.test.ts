// One clock: whatever the simulator's speed, every timestamp it shows is the wall clock kubectl and
// the Azure SDK compare against; speed only makes things take less time.
import { afterEach, describe, expect, it } from 'vitest';
import { R } from '../../../src/sim/kube/resources.js';
import { IMAGES } from '../../../src/sim/scenarios/versions.js';
import { imageDate } from '../../../src/checks/nodeimage/image-age.js';
import { rawArm, startArm, type ArmHarness } from '../arm-helpers.js';
import { SERVED_MINORS, servedKubectl } from './served-kubectl.js';

const near = (iso: unknown, slackMs = 10_000): void => {
  expect(typeof iso).toBe('string');
  expect(Math.abs(Date.parse(iso as string) - Date.now())).toBeLessThan(slackMs);
};

describe.each(SERVED_MINORS)('one clock, kubectl 1.%s, simulator at speed 600', (minor) => {
  const k = servedKubectl(minor, { speed: 600 });

  it('stamps new objects with the wall clock, so AGE is what just passed', async () => {
    await new Promise((r) => setTimeout(r, 1500)); // 15 simulated minutes
    expect((await k.run(['create', 'namespace', 'fresh'])).code).toBe(0);
    near(
      k.server().api.context.store.get(R.namespaces, undefined, 'fresh')?.metadata
        .creationTimestamp,
    );
    const r = await k.run(['get', 'namespace', 'fresh', '--no-headers']);
    expect(r.stdout).toMatch(/^fresh\s+Active\s+\d{1,2}s\s*$/);
    const pods = await k.run(['get', 'pods', '-A', '--no-headers']);
    expect(pods.stdout).not.toContain('<invalid>');
  });

  it('shortens a grace period instead of moving the deletion into the future', async () => {
    expect((await k.run(['run', 'sleeper', '--image=busybox', '-n', 'fresh'])).code).toBe(0);
    const started = Date.now();
    // 30 s of grace at speed 600: gone in well under a wall second, deletionTimestamp now + 30 s.
    const r = await k.run(['delete', 'pod', 'sleeper', '-n', 'fresh', '--wait=true']);
    expect(r.stdout.trim()).toBe('pod "sleeper" deleted');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('one clock on the ARM side', () => {
  let h: ArmHarness | undefined;
  afterEach(async () => h?.close());

  it('reports operation times on the wall clock, at any speed', async () => {
    h = await startArm('minimal', { speed: 3000 });
    const c = h.aks.coordinates;
    const pool = `/subscriptions/${c.subscriptionId}/resourceGroups/${c.resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${c.name}/agentPools/system/upgradeNodeImageVersion?api-version=2026-06-01`;
    const started = await rawArm(h, 'POST', pool);
    expect(started.status).toBe(202);
    const status = await rawArm(
      h,
      'GET',
      String(started.headers.get('azure-asyncoperation')).replace(h.https.baseUrl, ''),
    );
    near((status.body as { startTime: string }).startTime);
  });

  it('names node images by dates before the start: running 40 days old, newest 12', () => {
    // Whole days, as the tool counts them: an image dated 40 days ago is 40 days old all day long.
    const age = (v: string) => Math.floor((Date.now() - imageDate(v)!.getTime()) / 86_400_000);
    expect([age(IMAGES.ubuntu), age(IMAGES.ubuntuLatest)]).toEqual([40, 12]);
    expect([age(IMAGES.windows), age(IMAGES.windowsLatest)]).toEqual([40, 12]);
  });
});
