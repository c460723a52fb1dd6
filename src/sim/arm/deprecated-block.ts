import type { SimResponse } from '../http.js';

/** A write through a deprecated API the kube side saw, with its simulated time. */
export interface DeprecatedWrite {
  group: string;
  version: string;
  resource: string;
  removedRelease: string;
  at: number;
}

/** `upgradeSettings.overrideSettings` of a managed cluster PUT (api-version 2023-07-01 and later). */
export interface OverrideSettings {
  forceUpgrade?: boolean;
  until?: string;
}

/** AKS looks back this far for deprecated API use (usage is recorded hourly). */
const WINDOW_MS = 12 * 60 * 60 * 1000;

function minor(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/**
 * AKS's deprecated-API validation of a control-plane minor upgrade (target 1.26 or later): refused
 * with 400 ValidationError / UpgradeBlockedOnDeprecatedAPIUsage when, within the last 12 hours,
 * clients wrote through an API the target removes — unless `forceUpgrade` is set with an `until`
 * still ahead of the upgrade's start.
 */
export function deprecatedApiBlock(
  from: string,
  to: string,
  writes: readonly DeprecatedWrite[],
  override: OverrideSettings | undefined,
  now: number,
): SimResponse | undefined {
  if (minor(to) === minor(from) || minor(to) < 26) return undefined;
  const until = override?.until ? Date.parse(override.until) : NaN;
  if (override?.forceUpgrade === true && Number.isFinite(until) && now < until) return undefined;
  const removed = writes.filter(
    (w) =>
      now - w.at <= WINDOW_MS &&
      minor(`${w.removedRelease}.0`) > minor(from) &&
      minor(`${w.removedRelease}.0`) <= minor(to),
  );
  if (removed.length === 0) return undefined;
  const details = removed
    .map(
      (w) =>
        `usage has been detected on API ${w.group}.${w.resource}.${w.version}, and was recently seen at: ${new Date(w.at).toISOString()}, which will be removed in ${w.removedRelease}`,
    )
    .join('; ');
  return {
    status: 400,
    body: {
      error: {
        code: 'ValidationError',
        subcode: 'UpgradeBlockedOnDeprecatedAPIUsage',
        message: `Control Plane upgrade is blocked due to recent usage of a Kubernetes API deprecated in the specified version. Please refer to https://kubernetes.io/docs/reference/using-api/deprecation-guide to migrate the usage. To bypass this error, set forceUpgrade and until in upgradeSettings.overrideSettings. Bypassing this error without migrating usage will result in the deprecated Kubernetes API calls failing. Usage details: ${details}`,
      },
    },
  };
}
