import type { ContainerSpec, PodObject } from '../../model/pods.js';

/** Every container of a pod with the label it goes by in findings. */
export function containersOf(
  pod: PodObject,
): Array<{ label: string; spec: ContainerSpec; ephemeral: boolean }> {
  const spec = pod.spec;
  return [
    ...(spec?.containers ?? []).map((c) => ({ label: c.name, spec: c, ephemeral: false })),
    ...(spec?.initContainers ?? []).map((c) => ({
      label: `init:${c.name}`,
      spec: c,
      ephemeral: false,
    })),
    ...(spec?.ephemeralContainers ?? []).map((c) => ({
      label: `debug:${c.name}`,
      spec: c,
      ephemeral: true,
    })),
  ];
}

/** A seccomp or AppArmor annotation's value as the profile type it stands for. */
export function annotationProfile(note: string | undefined): string | undefined {
  if (note === undefined) return undefined;
  if (note === 'unconfined') return 'Unconfined';
  return note.startsWith('localhost/') ? 'Localhost' : 'RuntimeDefault';
}

/** The annotation keys of a container's own seccomp and AppArmor profiles. */
export const SECCOMP_POD_KEY = 'seccomp.security.alpha.kubernetes.io/pod';
export const seccompKey = (name: string) =>
  `container.seccomp.security.alpha.kubernetes.io/${name}`;
export const apparmorKey = (name: string) =>
  `container.apparmor.security.beta.kubernetes.io/${name}`;
