import type { PolicyRule } from '../../model/rbac.js';

const r = (verbs: string[], groups: string[], resources: string[], names?: string[]) => ({
  verbs,
  apiGroups: groups,
  resources,
  ...(names ? { resourceNames: names } : {}),
});
const APPS = ['apps', 'extensions'];
const RBAC = 'rbac.authorization.k8s.io';
const CERTS = 'certificates.k8s.io';
const podsMake = r(['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']);
const podsRemove = r(['delete', 'get', 'list', 'watch'], [''], ['pods']);

/**
 * The rights of Kubernetes' bootstrap `system:controller:<c>` ClusterRoles that the rbac checks
 * call dangerous (bootstrappolicy controller_policy.go, up to 1.35), as rules: the ceiling a
 * controller's role may reach and still be Kubernetes' own. Several controllers hold powerful
 * rights by design (the namespace controller deletes everything, the aggregation controller
 * escalates ClusterRoles); only rights beyond these are news. A controller absent here grants
 * nothing dangerous in its bootstrap role.
 */
export const CONTROLLER_CEILINGS: ReadonlyMap<string, readonly PolicyRule[]> = new Map([
  [
    'certificate-controller',
    [
      r(['delete', 'get', 'list', 'watch'], [CERTS], ['certificatesigningrequests']),
      r(
        ['update'],
        [CERTS],
        ['certificatesigningrequests/approval', 'certificatesigningrequests/status'],
      ),
      r(['approve'], [CERTS], ['signers'], ['kubernetes.io/kube-apiserver-client-kubelet']),
      r(
        ['sign'],
        [CERTS],
        ['signers'],
        [
          'kubernetes.io/kube-apiserver-client',
          'kubernetes.io/kube-apiserver-client-kubelet',
          'kubernetes.io/kubelet-serving',
          'kubernetes.io/legacy-unknown',
        ],
      ),
      r(['create'], ['authorization.k8s.io'], ['subjectaccessreviews']),
    ],
  ],
  [
    'clusterrole-aggregation-controller',
    [r(['escalate', 'get', 'list', 'patch', 'update', 'watch'], [RBAC], ['clusterroles'])],
  ],
  [
    'cronjob-controller',
    [
      r(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], ['batch'], ['jobs']),
      r(['delete', 'list', 'watch'], [''], ['pods']),
    ],
  ],
  [
    'daemon-set-controller',
    [
      podsMake,
      r(['create'], [''], ['pods/binding']),
      r(
        ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        ['apps'],
        ['controllerrevisions'],
      ),
    ],
  ],
  [
    'deployment-controller',
    [
      r(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], APPS, ['replicasets']),
      r(['get', 'list', 'update', 'watch'], [''], ['pods']),
    ],
  ],
  ['device-taint-eviction-controller', [podsRemove, r(['patch', 'update'], [''], ['pods/status'])]],
  ['disruption-controller', [r(['get'], ['*'], ['*/scale'])]],
  ['endpoint-controller', [r(['create'], [''], ['endpoints/restricted'])]],
  [
    'generic-garbage-collector',
    [r(['delete', 'get', 'list', 'patch', 'update', 'watch'], ['*'], ['*'])],
  ],
  [
    'horizontal-pod-autoscaler',
    [
      r(['get', 'update'], ['*'], ['*/scale']),
      r(['get', 'list', 'watch'], ['custom.metrics.k8s.io'], ['*']),
      r(['get', 'list', 'watch'], ['external.metrics.k8s.io'], ['*']),
    ],
  ],
  ['job-controller', [podsMake]],
  ['legacy-service-account-token-cleaner', [r(['delete', 'patch'], [''], ['secrets'])]],
  [
    'namespace-controller',
    [
      r(['delete', 'get', 'list', 'watch'], [''], ['namespaces']),
      r(['update'], [''], ['namespaces/finalize', 'namespaces/status']),
      r(['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']),
    ],
  ],
  [
    'node-controller',
    [
      r(['delete', 'get', 'list', 'patch', 'update', 'watch'], [''], ['nodes']),
      r(['patch', 'update'], [''], ['nodes/status', 'pods/status']),
      podsRemove,
    ],
  ],
  [
    'persistent-volume-binder',
    [
      r(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['persistentvolumes']),
      r(['create', 'delete', 'get', 'list', 'watch'], [''], ['pods']),
    ],
  ],
  ['pod-garbage-collector', [r(['delete', 'list', 'watch'], [''], ['pods'])]],
  ['replicaset-controller', [podsMake]],
  ['replication-controller', [podsMake]],
  [
    'resource-claim-controller',
    [r(['create', 'delete', 'get', 'list', 'watch'], ['resource.k8s.io'], ['resourceclaims'])],
  ],
  ['resourcequota-controller', [r(['list', 'watch'], ['*'], ['*'])]],
  ['root-ca-cert-publisher', [r(['create', 'update'], [''], ['configmaps'])]],
  ['service-account-controller', [r(['create'], [''], ['serviceaccounts'])]],
  [
    'statefulset-controller',
    [
      r(['create', 'delete', 'get', 'patch', 'update'], [''], ['pods']),
      r(
        ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
        ['apps'],
        ['controllerrevisions'],
      ),
      r(['create', 'delete', 'get', 'list', 'update', 'watch'], [''], ['persistentvolumeclaims']),
    ],
  ],
  ['ttl-after-finished-controller', [r(['delete', 'get', 'list', 'watch'], ['batch'], ['jobs'])]],
  // The namespaced three (Roles in kube-system, and kube-public for the signer).
  [
    'bootstrap-signer',
    [
      r(['get', 'list', 'watch'], [''], ['secrets', 'configmaps']),
      r(['update'], [''], ['configmaps'], ['cluster-info']),
    ],
  ],
  ['cloud-provider', [r(['create', 'get', 'list', 'watch'], [''], ['configmaps'])]],
  ['token-cleaner', [r(['delete', 'get', 'list', 'watch'], [''], ['secrets'])]],
  ['ttl-controller', [r(['list', 'patch', 'update', 'watch'], [''], ['nodes'])]],
]);
