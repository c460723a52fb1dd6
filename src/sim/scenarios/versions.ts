/** The region's Kubernetes versions shared by the built-in scenarios (YAML fragment, 2-space indented). */
export const REGION_VERSIONS = `kubernetesVersions:
  - version: "1.30"
    patches: [1.30.11, 1.30.12]
    lts: true
  - version: "1.31"
    patches: [1.31.7, 1.31.8]
  - version: "1.32"
    patches: [1.32.4, 1.32.5]
    isDefault: true
  - version: "1.33"
    patches: [1.33.1]
    isPreview: true
`;

/** Node images: the one pools run and the newest AKS offers. */
export const IMAGES = {
  ubuntu: 'AKSUbuntu-2204gen2containerd-202505.14.0',
  ubuntuLatest: 'AKSUbuntu-2204gen2containerd-202506.10.0',
  azureLinux: 'AKSAzureLinux-V3gen2-202505.14.0',
  azureLinuxLatest: 'AKSAzureLinux-V3gen2-202506.10.0',
  windows: 'AKSWindows-2022-containerd-20348.3561.250513',
  windowsLatest: 'AKSWindows-2022-containerd-20348.3692.250610',
};

/** Object id of the Entra group the focused scenarios' operator belongs to (an AKS admin group). */
export const ADMIN_GROUP = '7b2e9c1d-4a6f-4e3b-8d21-5c0f9a8e7b64';
