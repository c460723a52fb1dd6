// Only Kubernetes' own identities are spared rbac.user-subject; a user-chosen name that merely
// starts with `system:` is a person or tool bound directly.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { facts, rb, user } from './rbac-fixtures.js';

function userSubjectOf(name: string): boolean {
  const review = checkRbac(
    facts({ roleBindings: [rb('shop', 'ci', 'ClusterRole', 'edit', [user(name)])] }),
  );
  return review.findings.some((f) => f.object?.name === 'ci' && f.id === 'rbac.user-subject');
}

describe('rbac: user-created system: users', () => {
  // RBAC, "Referring to subjects" (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects):
  // the system: prefix is reserved for Kubernetes system use, and a user must not be named so; a
  // name outside Kubernetes' own identities (system:anonymous, system:kube-proxy, system:node:*,
  // system:serviceaccount:*, ...) is a person or tool bound directly, which the checklist asks to
  // replace with a group.
  it('reports User system:ci-deployer bound to edit in shop as rbac.user-subject', () => {
    expect(userSubjectOf('system:ci-deployer')).toBe(true);
  });

  it.each([
    'system:',
    'system:admin',
    'system:masters',
    'system:node',
    'system:node:',
    'system:serviceaccount:shop',
    'system:kube-proxy-old',
    'System:kube-proxy',
  ])('reports %s, which is none of Kubernetes own users', (name) => {
    expect(userSubjectOf(name)).toBe(true);
  });

  it.each([
    'system:kube-controller-manager',
    'system:kube-scheduler',
    'system:kube-proxy',
    'system:apiserver',
    'system:anonymous',
    'system:node:aks-nodepool1-12345678-vmss000000',
    'system:serviceaccount:shop:deployer',
  ])('spares %s, a Kubernetes identity', (name) => {
    expect(userSubjectOf(name)).toBe(false);
  });
});
