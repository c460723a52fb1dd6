import { describe, expect, it } from 'vitest';
import { ClusterCard, clusterCardHeight } from '../../screens/ClusterCard.js';
import { renderInk } from '../helpers/ink.js';
import { sampleCluster } from './fixtures.js';

describe('ClusterCard', () => {
  it('shows identity, versions, nodes and the security switches', async () => {
    const ui = await renderInk(<ClusterCard cluster={sampleCluster()} />);
    const frame = ui.frame();
    expect(frame).toContain('aks-prod-weu');
    expect(frame).toContain('Group rg-platform');
    expect(frame).toContain('Region westeurope');
    expect(frame).toContain('Kubernetes 1.30.4');
    expect(frame).toContain('Nodes 4/5 ready');
    expect(frame).toContain('Entra ID on');
    expect(frame).toContain('Network policy calico');
    expect(frame).toContain('Defender off');
  });

  it('says which nodes the pool rows leave out: surge nodes and nodes in no pool', async () => {
    const surging = sampleCluster({
      nodeCount: 6,
      readyNodeCount: 6,
      uncounted: { surge: 1, outside: 0 },
    });
    const ui = await renderInk(<ClusterCard cluster={surging} />);
    expect(ui.frame()).toContain('Nodes 6/6 ready (+1 surge) · Entra ID on');
    const virtual = sampleCluster({
      nodeCount: 8,
      readyNodeCount: 8,
      uncounted: { surge: 2, outside: 1 },
    });
    const other = await renderInk(<ClusterCard cluster={virtual} />);
    expect(other.frame()).toContain('Nodes 8/8 ready (+2 surge, +1 in no pool)');
    const agreeing = await renderInk(<ClusterCard cluster={sampleCluster()} />);
    expect(agreeing.frame()).toMatch(/Nodes 4\/5 ready · Entra ID/);
  });

  it('lists the pools with name, mode, OS, node count and version', async () => {
    const ui = await renderInk(<ClusterCard cluster={sampleCluster()} />);
    const lines = ui.frame().split('\n');
    expect(lines.find((line) => line.startsWith('Pool'))).toMatch(
      /Pool\s+Mode\s+OS\s+Nodes\s+Version/,
    );
    expect(lines.find((line) => line.startsWith('system'))).toMatch(
      /system\s+System\s+Ubuntu\s+3\s+1\.30\.4/,
    );
    expect(lines.find((line) => line.startsWith('win'))).toMatch(
      /win\s+User\s+Windows\s+2\s+1\.29\.7/,
    );
  });

  it('says "unknown" for what only ARM knows, and notes why ARM is missing', async () => {
    const cluster = sampleCluster({
      source: 'kube-only',
      resourceGroup: undefined,
      location: undefined,
      kubernetesVersion: undefined,
      entraId: undefined,
      defender: undefined,
      networkPolicy: undefined,
    });
    const ui = await renderInk(
      <ClusterCard cluster={cluster} armMissing="only a kubeconfig context was given" />,
    );
    const frame = ui.frame();
    expect(frame).toContain('Kubernetes only');
    expect(frame).toContain('Group unknown');
    expect(frame).toContain('Kubernetes v1.30.4');
    expect(frame).toContain('Entra ID unknown');
    expect(frame).toContain('Defender unknown');
    expect(frame).toContain('Network policy unknown');
    expect(frame).toContain('only a kubeconfig context was given');
  });

  it('folds extra pools into a "+N more" line', async () => {
    const pools = Array.from({ length: 7 }, (_, index) => ({
      name: `pool${index}`,
      mode: 'User',
      osType: 'Linux',
      count: 1,
      orchestratorVersion: '1.30.4',
    }));
    const ui = await renderInk(<ClusterCard cluster={sampleCluster({ pools })} maxPools={3} />);
    const frame = ui.frame();
    expect(frame).toContain('pool1');
    expect(frame).not.toContain('pool2');
    expect(frame).toContain('+5 more pools');
  });

  it('shows a connection warning (TLS not verified) in its own line, and counts it in its height', async () => {
    const warning = 'TLS not verified (insecure-skip-tls-verify in cluster "c")';
    const cluster = sampleCluster({ warnings: [warning] });
    const ui = await renderInk(<ClusterCard cluster={cluster} />);
    expect(ui.frame()).toContain(`! ${warning}`);
    expect(clusterCardHeight(cluster, undefined)).toBe(
      clusterCardHeight(sampleCluster(), undefined) + 1,
    );
  });
});
