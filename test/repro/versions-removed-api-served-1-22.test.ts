// The "served API the next minor removes" check knows removals from 1.25 on only: a cluster on
// 1.21 that still serves networking.k8s.io/v1beta1 (Ingress) or rbac.authorization.k8s.io/v1beta1
// is told nothing before an upgrade to 1.22 that stops serving them.
import { describe, expect, it } from 'vitest';
import { removedBetween } from '../../src/checks/versions/removed-apis.js';

describe('group/versions removed in Kubernetes 1.22', () => {
  // kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-22: "The v1.22 release stopped
  // serving the following deprecated API versions" (networking.k8s.io/v1beta1 and
  // extensions/v1beta1 Ingress, rbac.authorization.k8s.io/v1beta1, admissionregistration v1beta1...).
  it.fails('are reported for an upgrade from 1.21 to 1.22', () => {
    const served = [
      'v1',
      'networking.k8s.io/v1',
      'networking.k8s.io/v1beta1',
      'rbac.authorization.k8s.io/v1beta1',
      'admissionregistration.k8s.io/v1beta1',
    ];
    const removed = removedBetween(served, '1.21.14', '1.22.17').map((r) => r.groupVersion);
    expect(removed).toEqual(
      expect.arrayContaining([
        'networking.k8s.io/v1beta1',
        'rbac.authorization.k8s.io/v1beta1',
        'admissionregistration.k8s.io/v1beta1',
      ]),
    );
  });
});
