import { describe, expect, it } from 'vitest';
import { armAllows } from '../../src/checks/rights/arm-permissions.js';
import { whyNot } from '../../src/checks/rights/answers.js';
import { RIGHTS_NEEDED, type RightAnswers } from '../../src/model/rights.js';
import { rightsFindings } from '../../src/checks/rights/findings.js';
import { rightsTable } from '../../src/checks/rights/table.js';

const write = 'Microsoft.ContainerService/managedClusters/write';

describe('ARM permissions', () => {
  it('grants through wildcards, case-insensitively', () => {
    expect(armAllows([{ actions: ['*'] }], write)).toBe(true);
    expect(armAllows([{ actions: ['microsoft.containerservice/*'] }], write)).toBe(true);
    expect(armAllows([{ actions: ['*/read'] }], write)).toBe(false);
    expect(
      armAllows([{ actions: ['*/read'] }], 'Microsoft.ContainerService/managedClusters/read'),
    ).toBe(true);
    expect(armAllows([], write)).toBe(false);
  });

  it('subtracts notActions within the same role only', () => {
    const contributorLike = { actions: ['*'], notActions: ['Microsoft.ContainerService/*/write'] };
    expect(armAllows([contributorLike], write)).toBe(false);
    expect(armAllows([contributorLike, { actions: [write] }], write)).toBe(true);
  });
});

describe('rights answers', () => {
  const answers: RightAnswers = {
    'arm.cluster.read': { state: 'allowed' },
    'arm.cluster.write': { state: 'denied', reason: 'no write role' },
    'rolebindings.list': { state: 'denied', reason: 'RBAC: forbidden' },
    'nodes.patch': { state: 'unknown', reason: 'network' },
  };

  it('explains why an action is hidden, and does not hide on unknown', () => {
    expect(whyNot(answers, ['arm.cluster.write'])).toBe(
      'you may not change the AKS cluster (Azure) (no write role)',
    );
    expect(whyNot(answers, ['arm.cluster.read'])).toBeUndefined();
    expect(whyNot(answers, ['nodes.patch'])).toBeUndefined();
  });

  it('turns a refused read into a finding, never a pass', () => {
    const findings = rightsFindings(answers, [
      { step: 'rbac', read: ['rolebindings.list'], write: [] },
      { step: 'defender', read: ['arm.cluster.read'], write: ['arm.cluster.write'] },
      { step: 'drain', read: [], write: ['nodes.patch'] },
    ]);
    expect(findings.map((f) => [f.id, f.severity, f.object?.name])).toEqual([
      ['rights.read-forbidden', 'medium', 'rbac'],
      ['rights.change-forbidden', 'info', 'defender'],
    ]);
    expect(findings[0]!.message).toContain('RBAC: forbidden');
  });

  it('draws a table with symbols and reasons', () => {
    const lines = rightsTable(answers, [
      { step: 'defender', read: ['arm.cluster.read'], write: ['arm.cluster.write'] },
      { step: 'drain', read: [], write: ['nodes.patch'] },
    ]);
    expect(lines[1]).toMatch(/^defender\s+read the AKS cluster \(Azure\)\s+✔ allowed$/);
    expect(lines[2]).toMatch(
      /^\s+\+ change the AKS cluster \(Azure\)\s+✖ not allowed: no write role$/,
    );
    expect(lines[3]).toMatch(/^drain\s+\+ cordon and uncordon nodes\s+\? unknown: network$/);
  });
});

describe('the rights each step reads with', () => {
  it('upgrades may read DaemonSets: its rotation board asks whether a pod’s DaemonSet is gone', () => {
    const upgrades = RIGHTS_NEEDED.find((s) => s.step === 'upgrades');
    expect(upgrades?.read).toContain('daemonsets.get');
  });
});
