// The upgrade PUTs are GET-modify-PUTs: the body read when the key is taken, changed in one field,
// sent after a confirmation that may take minutes. They carry the read eTag as If-Match (ARM
// refuses with 412 if the cluster or pool changed since, instead of the stale body undoing that
// change), leave out what the GET returns but a PUT must not send back (as az does: the service
// principal profile without its secret, a pool's snapshot creationData).
import type {
  AgentPool,
  ContainerServiceClient,
  ManagedCluster,
} from '@azure/arm-containerservice';
import { describe, expect, it } from 'vitest';
import { putCluster, putPool } from '../../../src/azure/upgrade-ops.js';
import {
  controlPlaneBody,
  describeClusterPut,
  describePoolPut,
  poolBody,
} from '../../../src/steps/upgrades/bodies.js';

const at = { subscriptionId: 's', resourceGroup: 'g', name: 'aks-one' };

const cluster: ManagedCluster = {
  location: 'westeurope',
  kubernetesVersion: '1.31.8',
  servicePrincipalProfile: { clientId: 'msi' },
  agentPoolProfiles: [
    {
      name: 'sys',
      orchestratorVersion: '1.31.8',
      count: 3,
      creationData: { sourceResourceId: '/snap' },
    },
  ],
  autoUpgradeProfile: { upgradeChannel: 'patch' },
  eTag: 'etag-c',
};

const pool: AgentPool = {
  orchestratorVersion: '1.31.8',
  count: 3,
  nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202410.09.0',
  creationData: {
    sourceResourceId:
      '/subscriptions/s/resourceGroups/g/providers/Microsoft.ContainerService/snapshots/snap',
  },
  upgradeSettings: { maxSurge: '33%' },
  eTag: 'etag-p',
};

/** An SDK client that records what each PUT was given, and sends nothing. */
function recording() {
  const calls: Array<{ body: unknown; options: Record<string, unknown> }> = [];
  const record = (body: unknown, options: Record<string, unknown>) => {
    calls.push({ body, options });
    return {} as never;
  };
  const client = {
    managedClusters: {
      createOrUpdate: (_g: string, _n: string, body: unknown, o: Record<string, unknown>) =>
        record(body, o),
    },
    agentPools: {
      createOrUpdate: (
        _g: string,
        _n: string,
        _p: string,
        body: unknown,
        o: Record<string, unknown>,
      ) => record(body, o),
    },
  } as unknown as ContainerServiceClient;
  return { client, calls };
}

describe('control-plane PUT', () => {
  it('changes kubernetesVersion only, keeps pools and settings, leaves out the SP profile', () => {
    const body = controlPlaneBody(cluster, '1.32.5');
    const { kubernetesVersion, servicePrincipalProfile: _sp, ...rest } = cluster;
    expect(kubernetesVersion).toBe('1.31.8');
    expect(body).toEqual({ ...rest, kubernetesVersion: '1.32.5' });
    expect('servicePrincipalProfile' in body).toBe(false);
  });

  it('is sent with If-Match: the eTag read with it', () => {
    const { client, calls } = recording();
    putCluster(client, at, controlPlaneBody(cluster, '1.32.5'), { updateIntervalInMs: 5 });
    expect(calls[0]!.options).toMatchObject({ ifMatch: 'etag-c', updateIntervalInMs: 5 });
  });
});

describe('pool PUT', () => {
  it('changes orchestratorVersion only, and does not send the snapshot it was made from', () => {
    const body = poolBody(pool, '1.32.5');
    const { creationData: _c, ...rest } = pool;
    expect(body).toEqual({ ...rest, orchestratorVersion: '1.32.5' });
    expect('creationData' in body).toBe(false);
  });

  it('is sent with If-Match: the eTag read with it', () => {
    const { client, calls } = recording();
    putPool(client, at, 'sys', poolBody(pool, '1.32.5'), {});
    expect(calls[0]!.options).toMatchObject({ ifMatch: 'etag-p' });
    const { client: c2, calls: none } = recording();
    const { eTag: _e, ...noTag } = pool;
    putPool(c2, at, 'sys', poolBody(noTag, '1.32.5'), {});
    expect(none[0]!.options).not.toHaveProperty('ifMatch');
  });
});

describe('the PUT as shown before the confirmation', () => {
  const text = (items: unknown[]) => items.filter((i) => typeof i === 'string').join('\n');

  it('says If-Match only when the read gave an eTag, and says so when it is sent unguarded', () => {
    const { eTag: _c, ...clusterNoTag } = cluster;
    const { eTag: _p, ...poolNoTag } = pool;
    expect(text(describeClusterPut('aks-one', controlPlaneBody(cluster, '1.32.5')))).toContain(
      'If-Match its eTag',
    );
    expect(text(describePoolPut('sys', poolBody(pool, '1.32.5')))).toContain('If-Match its eTag');
    const bare = [
      text(describeClusterPut('aks-one', controlPlaneBody(clusterNoTag, '1.32.5'))),
      text(describePoolPut('sys', poolBody(poolNoTag, '1.32.5'))),
    ];
    for (const t of bare) {
      expect(t).not.toContain('If-Match its eTag');
      expect(t).toContain('without If-Match');
    }
  });
});
