// A pool's nodeImageVersion is what ARM records for the pool; each node says what it really runs in
// its `kubernetes.azure.com/node-image-version` label, which AKS's node image upgrade article has
// operators check after an upgrade (learn.microsoft.com/azure/aks/node-image-upgrade: "check the
// status of the node images with kubectl get nodes", that label per node). A node left on an older
// image (a failed or partly applied upgrade, a node AKS quarantined with undrainableNodeBehavior
// Cordon; Azure/AKS#3355 "image upgraded but nodes old") is behind whatever the pool says, and is
// a finding even when the pool itself is on the latest image.
import { describe, expect, it } from 'vitest';
import { nodeImageFindings } from '../../src/checks/nodeimage/findings.js';
import type { ImagePool, NodeImageFacts } from '../../src/checks/nodeimage/facts.js';

const LATEST = 'AKSUbuntu-2204gen2containerd-202506.02.0';
const OLD = 'AKSUbuntu-2204gen2containerd-202503.10.0';

function facts(pool: Partial<ImagePool> = {}): NodeImageFacts {
  return {
    cluster: 'aks-one',
    channels: { nodeOS: 'NodeImage' },
    kured: { installed: false },
    now: Date.parse('2026-12-07T12:00:00Z'),
    pools: [
      {
        name: 'apps',
        osType: 'Linux',
        osSKU: 'Ubuntu',
        nodeImageVersion: LATEST,
        latestNodeImageVersion: LATEST,
        provisioningState: 'Succeeded',
        count: 2,
        nodes: [
          { name: 'aks-apps-1-vmss000000', image: LATEST, rebootInProgress: false },
          { name: 'aks-apps-1-vmss000001', image: OLD, rebootInProgress: false },
        ],
        ...pool,
      },
    ],
  };
}

const behind = (f: NodeImageFacts) =>
  nodeImageFindings(f).filter((x) => x.id === 'nodeimage.node-behind');

describe('a node on an older image than its pool', () => {
  it('is a finding, not a pass', () => {
    const found = nodeImageFindings(facts()).filter(
      (f) =>
        f.severity !== 'info' &&
        (f.object?.name === 'aks-apps-1-vmss000001' || f.message.includes('aks-apps-1-vmss000001')),
    );
    expect(found).not.toHaveLength(0);
  });

  it('names the node, its image and the pool image, once per node behind', () => {
    const [f, ...rest] = behind(facts());
    expect(rest).toHaveLength(0);
    expect(f!.object).toEqual({ kind: 'Node', name: 'aks-apps-1-vmss000001' });
    // Built 2025-03-10: older than 60 days on 2026-12-07, as a pool that old would be.
    expect(f!.severity).toBe('high');
    expect(f!.message).toContain(OLD);
    expect(f!.message).toContain(LATEST);
    expect(f!.remediation).toMatch(/reimage/);
  });

  it('is medium for a recent image, and high on Windows', () => {
    const recent = facts();
    recent.now = Date.parse('2025-04-01T00:00:00Z');
    expect(behind(recent).map((f) => f.severity)).toEqual(['medium']);
    const win = 'AKSWindows-2022-containerd-20348.3692.250610';
    const winOld = 'AKSWindows-2022-containerd-20348.3561.250513';
    const windows = facts({
      osType: 'Windows',
      nodeImageVersion: win,
      latestNodeImageVersion: win,
      nodes: [{ name: 'akswin000001', image: winOld, rebootInProgress: false }],
    });
    windows.now = Date.parse('2025-06-20T00:00:00Z');
    expect(behind(windows).map((f) => f.severity)).toEqual(['high']);
  });

  it('is low while an operation runs on the pool (nodes are reimaged one batch at a time)', () => {
    const found = behind(facts({ provisioningState: 'UpgradingNodeImageVersion' }));
    expect(found.map((f) => f.severity)).toEqual(['low']);
    expect(found[0]!.message).toContain('UpgradingNodeImageVersion');
  });

  it('counts a node on a different image as behind, and also when the pool itself is behind', () => {
    const other = 'AKSAzureLinux-V2gen2-202506.02.0';
    expect(
      behind(facts({ nodes: [{ name: 'n1', image: other, rebootInProgress: false }] })).map(
        (f) => f.object?.name,
      ),
    ).toEqual(['n1']);
    const poolBehind = nodeImageFindings(
      facts({
        nodeImageVersion: 'AKSUbuntu-2204gen2containerd-202505.01.0',
        latestNodeImageVersion: LATEST,
      }),
    ).map((f) => [f.id, f.object?.name]);
    expect(poolBehind).toEqual([
      ['nodeimage.outdated', 'apps'],
      ['nodeimage.node-behind', 'aks-apps-1-vmss000001'],
    ]);
  });

  it('leaves alone nodes on the same or a newer image, and nodes without the label', () => {
    const none = facts({
      nodeImageVersion: OLD,
      latestNodeImageVersion: LATEST,
      nodes: [
        { name: 'a', image: OLD.toLowerCase(), rebootInProgress: false },
        // The pool's record can lag a node a running upgrade already reimaged.
        { name: 'b', image: LATEST, rebootInProgress: false },
        { name: 'c', rebootInProgress: false },
      ],
    });
    expect(behind(none)).toEqual([]);
    // No pool version: the pool's own verdict (nodeimage.unknown) says it is not judged.
    expect(behind(facts({ nodeImageVersion: undefined }))).toEqual([]);
  });
});
