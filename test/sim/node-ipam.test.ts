// The node IPAM controller hands out exactly the ranges and addresses of the plain algorithm: a
// given free /24 is kept, else the node's own, else the lowest /24 no other node holds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/sim/contracts.js';
import { NodeIpam } from '../../src/sim/kube/node-ipam.js';

/** The reference: every range looked at on every assignment. */
class PlainIpam {
  readonly ranges = new Map<string, number>();
  assign(name: string, given: number | undefined): number {
    const taken = new Set([...this.ranges].filter(([n]) => n !== name).map(([, i]) => i));
    let index = given !== undefined && !taken.has(given) ? given : this.ranges.get(name);
    if (index === undefined || taken.has(index)) {
      index = 0;
      while (taken.has(index)) index++;
    }
    this.ranges.set(name, index);
    return index;
  }
}

function node(name: string, given: number | undefined): KubeObject {
  const spec = given === undefined ? {} : { podCIDR: `10.244.${given}.0/24` };
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec };
}

describe('NodeIpam', () => {
  it('assigns like the plain algorithm as nodes come, go and ask for ranges', () => {
    const op = fc.record({
      release: fc.boolean(),
      node: fc.nat(15),
      given: fc.option(fc.nat(20), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const ipam = new NodeIpam();
        const plain = new PlainIpam();
        for (const { release, node: n, given } of ops) {
          const name = `node-${n}`;
          if (release) {
            ipam.release(name);
            plain.ranges.delete(name);
            continue;
          }
          const want = plain.assign(name, given);
          const spec = ipam.assign(node(name, given))['spec'] as Record<string, unknown>;
          expect(spec['podCIDR']).toBe(`10.244.${want}.0/24`);
          expect(spec['podCIDRs']).toEqual([`10.244.${want}.0/24`]);
        }
      }),
    );
  });

  it('gives pods .2 onwards of their node range, past 10.244.255.0/24 too', () => {
    const ipam = new NodeIpam();
    for (let i = 0; i < 300; i++) ipam.assign(node(`node-${i}`, undefined));
    expect(ipam.podIP('node-0')).toBe('10.244.0.2');
    expect(ipam.podIP('node-0')).toBe('10.244.0.3');
    expect(ipam.podIP('node-257')).toBe('10.245.1.2');
  });
});
