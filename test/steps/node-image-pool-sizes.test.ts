// The VM sizes of a pool as ARM and the nodes give them (a VirtualMachines pool has no vmSize).
import type { V1Node } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { poolSizes } from '../../src/steps/node-image/pool-sizes.js';

const node = (labels: Record<string, string>): V1Node => ({ metadata: { name: 'n', labels } });

describe('pool sizes', () => {
  it('reads virtualMachinesProfile.scale manual and autoscale sizes', () => {
    // Field names as in @azure/arm-containerservice: VirtualMachinesProfile.scale (ScaleProfile),
    // manual: ManualScaleProfile[] and autoscale: AutoScaleProfile[], each with a size.
    const pool = {
      virtualMachinesProfile: {
        scale: {
          manual: [{ size: 'Standard_D4ds_v5', count: 2 }],
          autoscale: [{ size: 'Standard_NC4as_T4_v3', minCount: 0, maxCount: 3 }],
        },
      },
    };
    expect(poolSizes(pool, [])).toEqual({
      vmSizes: ['Standard_D4ds_v5', 'Standard_NC4as_T4_v3'],
    });
  });

  it('falls back to the nodes: instance type and the AKS accelerator label', () => {
    expect(
      poolSizes({}, [
        node({
          'node.kubernetes.io/instance-type': 'Standard_NC6s_v3',
          'kubernetes.azure.com/accelerator': 'nvidia',
        }),
        node({ 'node.kubernetes.io/instance-type': 'Standard_NC6s_v3' }),
      ]),
    ).toEqual({ vmSizes: ['Standard_NC6s_v3'], accelerator: 'nvidia' });
    expect(poolSizes({}, [node({})])).toEqual({});
  });
});
