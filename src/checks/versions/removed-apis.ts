import { compareVersions, minorOf } from './semver.js';

/** Group/versions Kubernetes stopped serving, by the minor that removed them (upstream deprecation guide). */
const REMOVED: ReadonlyArray<{ groupVersion: string; removedIn: string }> = [
  { groupVersion: 'batch/v1beta1', removedIn: '1.25' },
  { groupVersion: 'policy/v1beta1', removedIn: '1.25' },
  { groupVersion: 'discovery.k8s.io/v1beta1', removedIn: '1.25' },
  { groupVersion: 'events.k8s.io/v1beta1', removedIn: '1.25' },
  { groupVersion: 'autoscaling/v2beta1', removedIn: '1.25' },
  { groupVersion: 'node.k8s.io/v1beta1', removedIn: '1.25' },
  { groupVersion: 'autoscaling/v2beta2', removedIn: '1.26' },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: '1.26' },
  { groupVersion: 'storage.k8s.io/v1beta1', removedIn: '1.27' },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29' },
  { groupVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: '1.32' },
];

/** Served group/versions that the upgrade from `from` to `to` removes. */
export function removedBetween(
  served: readonly string[],
  from: string,
  to: string,
): Array<{ groupVersion: string; removedIn: string }> {
  const a = `${minorOf(from)}.0`;
  const b = `${minorOf(to)}.0`;
  return REMOVED.filter(
    (r) =>
      served.includes(r.groupVersion) &&
      compareVersions(`${r.removedIn}.0`, a) > 0 &&
      compareVersions(`${r.removedIn}.0`, b) <= 0,
  );
}

/** What discovery cannot tell, said plainly next to what it can. */
export const REMOVED_API_LIMITS =
  "Discovery shows which API versions the server still serves, not who uses them: objects stored through an old version are converted and look current, and clients calling removed APIs only show up in the API server audit log (or the Azure portal's deprecated-API insight).";
