import type { PodObject } from '../../model/pods.js';
import type { RuleIssue } from './pod-rules.js';
import {
  annotationProfile,
  apparmorKey,
  containersOf,
  SECCOMP_POD_KEY,
  seccompKey,
} from './pod-containers.js';

// The Pod Security Standards judge the pod-level fields as well as the containers': a pod-level
// seccomp or AppArmor `Unconfined`, `runAsUser: 0` or `runAsNonRoot: false` breaks them even when every container sets
// its own value. It is also what a container added later without one inherits (a `kubectl debug`
// container, a new sidecar). When some container does inherit it, that container's issue says so;
// these pod-level issues cover the case where none does, at low severity.

/** The pod-level defaults that no container uses now but any new one would inherit. */
export function podDefaultIssues(pod: PodObject): RuleIssue[] {
  const spec = pod.spec;
  const containers = containersOf(pod);
  if (!spec || containers.length === 0) return [];
  const podSc = spec.securityContext ?? {};
  const notes = pod.metadata?.annotations ?? {};
  // Said after the check's title ('runs without a seccomp filter: ...'), which is not true of
  // any container now: the text says so first, then who would inherit the default.
  const later = (field: string) =>
    `no container now, but the pod-level default ${field} applies to one added without its own (e.g. by kubectl debug)`;
  const out: RuleIssue[] = [];
  const podSeccomp = podSc.seccompProfile?.type ?? annotationProfile(notes[SECCOMP_POD_KEY]);
  const ownSeccomp = containers.every(
    ({ spec: c }) =>
      c.securityContext?.seccompProfile !== undefined || notes[seccompKey(c.name)] !== undefined,
  );
  if (podSeccomp === 'Unconfined' && ownSeccomp)
    out.push({
      id: 'containers.seccomp',
      severity: 'low',
      what: later('seccomp Unconfined'),
    });
  const ownAppArmor = containers.every(
    ({ spec: c }) =>
      c.securityContext?.appArmorProfile !== undefined || notes[apparmorKey(c.name)] !== undefined,
  );
  if (podSc.appArmorProfile?.type === 'Unconfined' && ownAppArmor)
    out.push({
      id: 'containers.apparmor',
      severity: 'low',
      what: later('AppArmor Unconfined'),
    });
  // Restricted allows only true at the pod level (pod-security-admission counts a pod-level false
  // whatever the containers say); a container that inherits it has its own issue instead.
  const ownNonRoot = containers.every(
    ({ spec: c }) => c.securityContext?.runAsNonRoot !== undefined,
  );
  if (podSc.runAsNonRoot === false && ownNonRoot)
    out.push({ id: 'containers.root', severity: 'low', what: later('runAsNonRoot false') });
  const ownUser = containers.every(({ spec: c }) => c.securityContext?.runAsUser !== undefined);
  // hostUsers: false waives nothing here (see podIssues: the gate that would is alpha).
  if (podSc.runAsUser === 0 && ownUser)
    out.push({ id: 'containers.root', severity: 'low', what: later('runAsUser 0') });
  return out;
}
