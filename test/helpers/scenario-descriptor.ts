/**
 * The smallest scenario descriptor (`aks.yaml`): one cluster, `name`, with one system pool on
 * 1.31.8. Tests that build a scenario folder or files put their objects beside it.
 */
export function minimalDescriptor(name = 'c1'): string {
  return `apiVersion: aks-runbook/v1alpha1
kind: AksScenario
cluster:
  resourceGroup: rg
  name: ${name}
  kubernetesVersion: 1.31.8
  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.31.8
      nodeImageVersion: AKSUbuntu-2204gen2containerd-202505.14.0
kubernetesVersions:
  - version: "1.31"
    patches: [1.31.8]
operator:
  user: me@contoso.com
`;
}
