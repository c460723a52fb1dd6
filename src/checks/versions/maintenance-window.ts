import type { Finding } from '../../model/finding.js';
import { sameArmValue } from '../arm-enums.js';

// AKS's planned maintenance article: `aksManagedAutoUpgradeSchedule` confines the upgrades of the
// cluster auto-upgrade channel, `aksManagedNodeOSUpgradeSchedule` those of the node OS channel
// (NodeImage, SecurityPatch); the `default` configuration covers AKS's own weekly releases only,
// never these. Without the schedule a channel's upgrade (surge, cordon and drain of every node)
// starts whenever AKS picks. Setting a window neither turns a channel on nor off.

/** The planned maintenance configurations by name, or why they could not be read. */
export type MaintenanceRead = { names: string[] } | { unreadable: string };

/** Which auto-upgrade a schedule holds to a window. */
export interface WindowFor {
  /** `aksManagedAutoUpgradeSchedule` or `aksManagedNodeOSUpgradeSchedule`. */
  schedule: string;
  /** What the channel does, e.g. `the auto-upgrade channel stable upgrades the control plane and every pool`. */
  upgrades: string;
  /** The finding ids: no window, and not known. */
  ids: { missing: Finding['id']; unknown: Finding['id'] };
  object: { kind: string; name: string };
  cluster: string;
}

/**
 * A finding when the channel's schedule is absent (medium: upgrades and drains at any hour) or
 * the configurations could not be read (medium too, "not known": less data must not pass);
 * nothing when the schedule exists. ARM names compare without case.
 */
export function maintenanceWindowFinding(read: MaintenanceRead, w: WindowFor): Finding | undefined {
  const add = `az aks maintenanceconfiguration add -g <resource group> --cluster-name ${w.cluster} --name ${w.schedule} --schedule-type Weekly --day-of-week Sunday --interval-weeks 1 --start-time 01:00 --duration 4 --utc-offset +00:00`;
  if ('unreadable' in read)
    return {
      id: w.ids.unknown,
      severity: 'medium',
      object: w.object,
      message: `${capital(w.upgrades)}; whether a maintenance window (${w.schedule}) holds it to quiet hours is not known: ${read.unreadable}`,
      remediation: `Check by hand: az aks maintenanceconfiguration list -g <resource group> --cluster-name ${w.cluster}; if ${w.schedule} is missing, add it (${add}).`,
    };
  if (read.names.some((n) => sameArmValue(n, w.schedule))) return undefined;
  const onlyDefault = read.names.some((n) => sameArmValue(n, 'default'))
    ? ' The `default` configuration does not apply: it covers AKS weekly releases, not auto-upgrades.'
    : '';
  return {
    id: w.ids.missing,
    severity: 'medium',
    object: w.object,
    message: `${capital(w.upgrades)}, and no ${w.schedule} maintenance window is set: AKS may start it, and drain the nodes, at any hour.${onlyDefault}`,
    remediation: `Set a window in your quiet hours (at least 4 hours): ${add}`,
  };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
