// Repro: a User subject whose name merely starts with `system:` (here a client-certificate
// identity `system:ci-deployer`, not one of Kubernetes' own) is never reported as a user bound
// directly: isPersonSubject() drops every `system:` name, built-in or not.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import { facts, rb, user } from '../checks/rbac-fixtures.js';

describe('rbac: user-created system: users', () => {
  // RBAC, "Referring to subjects" (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects):
  // the system: prefix is reserved for Kubernetes system use, and a user must not be named so; a
  // name outside Kubernetes' own identities (system:anonymous, system:kube-proxy, system:node:*,
  // system:serviceaccount:*, ...) is a person or tool bound directly, which the checklist asks to
  // replace with a group.
  it.fails('reports User system:ci-deployer bound to edit in shop as rbac.user-subject', () => {
    const review = checkRbac(
      facts({
        roleBindings: [rb('shop', 'ci', 'ClusterRole', 'edit', [user('system:ci-deployer')])],
      }),
    );
    const ids = review.findings.filter((f) => f.object?.name === 'ci').map((f) => f.id);
    expect(ids).toContain('rbac.user-subject');
  });
});
