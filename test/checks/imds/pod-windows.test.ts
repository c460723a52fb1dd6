// A pod's OS for the IMDS step: spec.os.name, else its node's kubernetes.io/os label, else where
// its required scheduling lets it run (a pod not yet scheduled, or on a node not read).
import { describe, expect, it } from 'vitest';
import { nodeOsByName, runsOnWindows } from '../../../src/checks/imds/pod-windows.js';

const nodes = nodeOsByName([
  { metadata: { name: 'akswin000000', labels: { 'kubernetes.io/os': 'windows' } } },
  { metadata: { name: 'aks-sys-1-vmss000000', labels: { 'kubernetes.io/os': 'linux' } } },
  { metadata: { name: 'unlabelled' } },
]);

describe('runsOnWindows', () => {
  it('takes the node label when the pod declares no OS', () => {
    expect(runsOnWindows({ spec: { containers: [], nodeName: 'akswin000000' } }, nodes)).toBe(true);
    expect(
      runsOnWindows({ spec: { containers: [], nodeName: 'aks-sys-1-vmss000000' } }, nodes),
    ).toBe(false);
  });

  it('takes the declared spec.os.name before the node', () => {
    expect(
      runsOnWindows(
        { spec: { containers: [], os: { name: 'windows' }, nodeName: 'aks-sys-1-vmss000000' } },
        nodes,
      ),
    ).toBe(true);
    expect(
      runsOnWindows(
        { spec: { containers: [], os: { name: 'linux' }, nodeName: 'akswin000000' } },
        nodes,
      ),
    ).toBe(false);
  });

  it('falls back on the scheduling when the node is not known', () => {
    const selected = { spec: { containers: [], nodeSelector: { 'kubernetes.io/os': 'windows' } } };
    expect(runsOnWindows(selected, nodes)).toBe(true);
    expect(
      runsOnWindows({ ...selected, spec: { ...selected.spec, nodeName: 'unlabelled' } }, undefined),
    ).toBe(true);
    expect(runsOnWindows({ spec: { containers: [], nodeName: 'gone' } }, nodes)).toBe(false);
  });
});
