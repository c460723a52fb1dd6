// The "served API the next minor removes" check, derived from the per-resource removal table: a
// cluster on 1.21 serving networking.k8s.io/v1beta1 or rbac.authorization.k8s.io/v1beta1 is told
// an upgrade to 1.22 stops serving them; a group/version counts once all its resources are gone.
import { describe, expect, it } from 'vitest';
import { removedBetween } from '../../src/checks/versions/removed-apis.js';

describe('group/versions removed in Kubernetes 1.22', () => {
  // kubernetes.io/docs/reference/using-api/deprecation-guide/#v1-22: "The v1.22 release stopped
  // serving the following deprecated API versions" (networking.k8s.io/v1beta1 and
  // extensions/v1beta1 Ingress, rbac.authorization.k8s.io/v1beta1, admissionregistration v1beta1...).
  it('are reported for an upgrade from 1.21 to 1.22', () => {
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

  it('counts a group/version only once every resource in it is removed', () => {
    // extensions/v1beta1 lost Deployments and more in 1.16, Ingress only in 1.22.
    expect(removedBetween(['extensions/v1beta1'], '1.15.0', '1.16.0')).toEqual([]);
    expect(removedBetween(['extensions/v1beta1', 'apps/v1beta2'], '1.15.0', '1.22.0')).toEqual([
      { groupVersion: 'extensions/v1beta1', removedIn: '1.22' },
      { groupVersion: 'apps/v1beta2', removedIn: '1.16' },
    ]);
    // storage.k8s.io/v1beta1: most resources went in 1.22, CSIStorageCapacity in 1.27.
    expect(removedBetween(['storage.k8s.io/v1beta1'], '1.21.0', '1.26.0')).toEqual([]);
    expect(removedBetween(['storage.k8s.io/v1beta1'], '1.26.0', '1.27.1')).toHaveLength(1);
  });
});
