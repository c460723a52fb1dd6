import { describe, expect, it } from 'vitest';
import { actionOn } from '../../src/model/journal.js';
import { noun, plural, pluralOf } from '../../src/model/plural.js';

describe('plural', () => {
  it.each([
    [0, 'node', '0 nodes'],
    [1, 'node', '1 node'],
    [2, 'node', '2 nodes'],
    [1, 'admin group', '1 admin group'],
    [1, 'RoleBinding', '1 RoleBinding'],
    [2, 'RoleBinding', '2 RoleBindings'],
    [2, 'policy', '2 policies'],
    [1, 'policy', '1 policy'],
    [3, 'PDB', '3 PDBs'],
    [2, 'pass', '2 passes'],
    [2, 'day', '2 days'],
  ])('%i %s -> %s', (count, word, expected) => {
    expect(plural(count, word)).toBe(expected);
  });

  it('takes an irregular plural', () => {
    expect(plural(2, 'child', 'children')).toBe('2 children');
    expect(plural(1, 'child', 'children')).toBe('1 child');
  });

  it('gives the noun alone', () => {
    expect(noun(1, 'disruption')).toBe('disruption');
    expect(noun(0, 'disruption')).toBe('disruptions');
    expect(pluralOf('ClusterRoleBinding')).toBe('ClusterRoleBindings');
  });
});

describe('actionOn', () => {
  it('says the kind once', () => {
    expect(actionOn('evict pod', 'pod/payments/orders-db-0')).toBe(
      'evict pod payments/orders-db-0',
    );
    expect(actionOn('cordon', 'node/aks-1')).toBe('cordon node/aks-1');
    expect(actionOn('upgrade pool', 'agentPool/apps')).toBe('upgrade pool agentPool/apps');
    expect(actionOn('create NetworkPolicy', 'networkpolicy/shop/x')).toBe(
      'create NetworkPolicy shop/x',
    );
  });
});
