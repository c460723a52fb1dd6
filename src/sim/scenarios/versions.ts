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

/** A moment `days` before the program started, as an RFC 3339 timestamp in whole seconds. */
export function daysAgo(days: number): string {
  return new Date(STARTED - days * 86_400_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const STARTED = Date.now();

/** `YYYYMM.DD` and `YYMMDD` of the UTC day `days` before start, as node image names spell dates. */
function imageDate(days: number): { linux: string; windows: string } {
  const [y, m, d] = daysAgo(days).slice(0, 10).split('-') as [string, string, string];
  return { linux: `${y}${m}.${d}`, windows: `${y.slice(2)}${m}${d}` };
}

const RUNNING = imageDate(40);
const NEWEST = imageDate(12);

/**
 * Node images: the one pools run (built 40 days before start) and the newest AKS offers (12 days
 * before start), so a trainee sees the ages a well-kept cluster shows, whatever the date.
 */
export const IMAGES = {
  ubuntu: `AKSUbuntu-2204gen2containerd-${RUNNING.linux}.0`,
  ubuntuLatest: `AKSUbuntu-2204gen2containerd-${NEWEST.linux}.0`,
  azureLinux: `AKSAzureLinux-V3gen2-${RUNNING.linux}.0`,
  azureLinuxLatest: `AKSAzureLinux-V3gen2-${NEWEST.linux}.0`,
  windows: `AKSWindows-2022-containerd-20348.3561.${RUNNING.windows}`,
  windowsLatest: `AKSWindows-2022-containerd-20348.3692.${NEWEST.windows}`,
};

/** Object id of the Entra group the focused scenarios' operator belongs to (an AKS admin group). */
export const ADMIN_GROUP = '7b2e9c1d-4a6f-4e3b-8d21-5c0f9a8e7b64';
