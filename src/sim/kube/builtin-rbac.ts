import type { KubeObject } from '../contracts.js';

const RBAC = 'rbac.authorization.k8s.io/v1';
const bootstrap = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const autoupdate = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };
const aksManaged = {
  'addonmanager.kubernetes.io/mode': 'Reconcile',
  'kubernetes.io/cluster-service': 'true',
};
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];

type RuleSpec = [verbs: string[], apiGroups: string[], resources: string[]];

function rules(specs: RuleSpec[]): Array<Record<string, string[]>> {
  return specs.map(([verbs, apiGroups, resources]) => ({ apiGroups, resources, verbs }));
}

function clusterRole(
  name: string,
  specs: RuleSpec[],
  labels: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name, labels: { ...bootstrap, ...labels }, annotations: { ...autoupdate } },
    rules: rules(specs),
    ...extra,
  };
}

function nonResource(name: string, urls: string[]): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRole',
    metadata: { name, labels: { ...bootstrap }, annotations: { ...autoupdate } },
    rules: [{ nonResourceURLs: urls, verbs: ['get'] }],
  };
}

type SubjectSpec = { kind: 'User' | 'Group' | 'ServiceAccount'; name: string; namespace?: string };

function subject(s: SubjectSpec): Record<string, string> {
  if (s.kind === 'ServiceAccount')
    return { kind: s.kind, name: s.name, namespace: s.namespace ?? 'kube-system' };
  return { apiGroup: 'rbac.authorization.k8s.io', kind: s.kind, name: s.name };
}

function binding(
  name: string,
  role: string,
  subjects: SubjectSpec[],
  labels: Record<string, string> = bootstrap,
  annotations: Record<string, string> = autoupdate,
): KubeObject {
  return {
    apiVersion: RBAC,
    kind: 'ClusterRoleBinding',
    metadata: { name, labels: { ...labels }, annotations: { ...annotations } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: role },
    subjects: subjects.map(subject),
  };
}

function aggregated(name: string, into: string): KubeObject {
  return clusterRole(
    name,
    [],
    into ? { [`rbac.authorization.k8s.io/aggregate-to-${into}`]: 'true' } : {},
    {
      aggregationRule: {
        clusterRoleSelectors: [
          { matchLabels: { [`rbac.authorization.k8s.io/aggregate-to-${name}`]: 'true' } },
        ],
      },
    },
  );
}

const workloadResources: RuleSpec[] = [
  [
    read,
    [''],
    [
      'pods',
      'pods/log',
      'pods/status',
      'configmaps',
      'endpoints',
      'persistentvolumeclaims',
      'replicationcontrollers',
      'services',
      'serviceaccounts',
      'events',
      'limitranges',
      'resourcequotas',
      'namespaces',
      'namespaces/status',
    ],
  ],
  [
    read,
    ['apps'],
    [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
      'controllerrevisions',
    ],
  ],
  [read, ['batch'], ['cronjobs', 'jobs']],
  [read, ['autoscaling'], ['horizontalpodautoscalers']],
  [read, ['policy'], ['poddisruptionbudgets']],
  [read, ['networking.k8s.io'], ['ingresses', 'networkpolicies']],
];

/** The cluster roles, bindings and namespaces a new AKS cluster has before anyone touches it. */
export function builtinObjects(): KubeObject[] {
  const sysCtl = (n: string, specs: RuleSpec[]): KubeObject =>
    clusterRole(`system:controller:${n}`, specs);
  const controllers: Array<[string, RuleSpec[]]> = [
    [
      'deployment-controller',
      [
        [[...read, 'update'], ['apps'], ['deployments']],
        [[...read, ...write], ['apps'], ['replicasets']],
        [['get', 'list', 'update'], [''], ['pods']],
      ],
    ],
    [
      'replicaset-controller',
      [
        [[...read, 'update'], ['apps'], ['replicasets']],
        [['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']],
      ],
    ],
    [
      'statefulset-controller',
      [
        [read, ['apps'], ['statefulsets']],
        [['create', 'delete', 'get', 'patch', 'update'], [''], ['pods']],
      ],
    ],
    [
      'daemon-set-controller',
      [
        [read, ['apps'], ['daemonsets']],
        [['create', 'delete', 'list', 'patch', 'watch'], [''], ['pods']],
        [['create'], [''], ['pods/binding']],
      ],
    ],
    [
      'disruption-controller',
      [
        [read, ['apps'], ['deployments', 'replicasets', 'statefulsets']],
        [read, ['policy'], ['poddisruptionbudgets']],
        [['update'], ['policy'], ['poddisruptionbudgets/status']],
      ],
    ],
    [
      'node-controller',
      [
        [['delete', 'get', 'list', 'patch', 'update'], [''], ['nodes']],
        [['delete', 'list'], [''], ['pods']],
      ],
    ],
    [
      'namespace-controller',
      [
        [['delete', 'get', 'list', 'watch'], [''], ['namespaces']],
        [['update'], [''], ['namespaces/finalize', 'namespaces/status']],
        [['delete', 'deletecollection', 'get', 'list', 'watch'], ['*'], ['*']],
      ],
    ],
    [
      'clusterrole-aggregation-controller',
      [
        [
          ['escalate', 'get', 'list', 'patch', 'update', 'watch'],
          ['rbac.authorization.k8s.io'],
          ['clusterroles'],
        ],
      ],
    ],
  ];
  const objects: KubeObject[] = [
    ...['default', 'kube-system', 'kube-public', 'kube-node-lease'].map((name): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    })),
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'cluster-admin', labels: { ...bootstrap }, annotations: { ...autoupdate } },
      rules: [
        { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
        { nonResourceURLs: ['*'], verbs: ['*'] },
      ],
    },
    aggregated('admin', ''),
    aggregated('edit', 'admin'),
    aggregated('view', 'edit'),
    // What AKS's metrics-server deployment adds: metrics readable by view, edit and admin.
    clusterRole(
      'system:aggregated-metrics-reader',
      [[read, ['metrics.k8s.io'], ['pods', 'nodes']]],
      {
        'addonmanager.kubernetes.io/mode': 'Reconcile',
        'k8s-app': 'metrics-server',
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
      },
    ),
    clusterRole('system:aggregate-to-view', workloadResources, {
      'rbac.authorization.k8s.io/aggregate-to-view': 'true',
    }),
    clusterRole(
      'system:aggregate-to-edit',
      [
        [
          [...read, ...write],
          [''],
          [
            'pods',
            'configmaps',
            'secrets',
            'services',
            'serviceaccounts',
            'persistentvolumeclaims',
            'replicationcontrollers',
            'endpoints',
          ],
        ],
        [
          ['create'],
          [''],
          [
            'pods/eviction',
            'pods/attach',
            'pods/exec',
            'pods/portforward',
            'serviceaccounts/token',
          ],
        ],
        [
          [...read, ...write],
          ['apps'],
          [
            'daemonsets',
            'deployments',
            'deployments/scale',
            'replicasets',
            'replicasets/scale',
            'statefulsets',
            'statefulsets/scale',
          ],
        ],
        [[...read, ...write], ['batch'], ['cronjobs', 'jobs']],
        [[...read, ...write], ['policy'], ['poddisruptionbudgets']],
        [[...read, ...write], ['networking.k8s.io'], ['ingresses', 'networkpolicies']],
      ],
      { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' },
    ),
    clusterRole(
      'system:aggregate-to-admin',
      [
        [[...read, ...write], ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']],
        [['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']],
      ],
      { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' },
    ),
    nonResource('system:discovery', [
      '/api',
      '/api/*',
      '/apis',
      '/apis/*',
      '/healthz',
      '/livez',
      '/openapi',
      '/openapi/*',
      '/readyz',
      '/version',
      '/version/',
    ]),
    nonResource('system:public-info-viewer', [
      '/healthz',
      '/livez',
      '/readyz',
      '/version',
      '/version/',
    ]),
    clusterRole('system:basic-user', [
      [['create'], ['authentication.k8s.io'], ['selfsubjectreviews']],
      [
        ['create'],
        ['authorization.k8s.io'],
        ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      ],
    ]),
    clusterRole('system:node', [
      [read, [''], ['nodes', 'pods', 'services', 'endpoints']],
      [['create', 'delete', 'patch', 'update'], [''], ['nodes', 'nodes/status', 'pods/status']],
      [['create'], [''], ['pods/eviction']],
    ]),
    clusterRole('system:node-proxier', [
      [['list', 'watch'], [''], ['endpoints', 'services', 'nodes']],
      [['get'], [''], ['nodes']],
    ]),
    clusterRole('system:kube-scheduler', [
      [read, [''], ['nodes', 'pods', 'namespaces']],
      [['create'], [''], ['pods/binding', 'bindings']],
      [read, ['policy'], ['poddisruptionbudgets']],
    ]),
    clusterRole('system:kube-controller-manager', [[['*'], ['*'], ['*']]]),
    clusterRole('system:monitoring', []),
    ...controllers.map(([n, specs]) => sysCtl(n, specs)),
    binding('cluster-admin', 'cluster-admin', [{ kind: 'Group', name: 'system:masters' }]),
    binding('system:discovery', 'system:discovery', [
      { kind: 'Group', name: 'system:authenticated' },
    ]),
    binding('system:basic-user', 'system:basic-user', [
      { kind: 'Group', name: 'system:authenticated' },
    ]),
    binding('system:public-info-viewer', 'system:public-info-viewer', [
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:unauthenticated' },
    ]),
    binding('system:node-proxier', 'system:node-proxier', [
      { kind: 'User', name: 'system:kube-proxy' },
    ]),
    binding('system:kube-scheduler', 'system:kube-scheduler', [
      { kind: 'User', name: 'system:kube-scheduler' },
    ]),
    binding('system:kube-controller-manager', 'system:kube-controller-manager', [
      { kind: 'User', name: 'system:kube-controller-manager' },
    ]),
    ...controllers.map(([n]) =>
      binding(`system:controller:${n}`, `system:controller:${n}`, [
        { kind: 'ServiceAccount', name: n },
      ]),
    ),
    {
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: 'aks-service', labels: { ...aksManaged } },
      rules: rules([[['*'], ['*'], ['*']]]),
    },
    binding(
      'aks-cluster-admin-binding',
      'cluster-admin',
      [
        { kind: 'User', name: 'clusterAdmin' },
        { kind: 'User', name: 'clusterUser' },
      ],
      aksManaged,
      {},
    ),
    binding(
      'aks-service-rolebinding',
      'aks-service',
      [{ kind: 'User', name: 'aks-support' }],
      aksManaged,
      {},
    ),
  ];
  return objects;
}
