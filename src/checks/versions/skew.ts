import { parseVersion } from './semver.js';

// AKS's supported-versions FAQ: from 1.28 on, an agent pool may be up to three minors older than
// the control plane (the Kubernetes kubelet skew, which AKS follows from that version); before
// 1.28, two. Never newer. The control plane's version decides which applies.

/** How many minors a pool may be behind a control plane on `controlPlane` (three from 1.28 on). */
export function allowedPoolSkew(controlPlane: string): number {
  const v = parseVersion(controlPlane);
  if (!v) return 2;
  const [major, minor] = v;
  return major > 1 || minor >= 28 ? 3 : 2;
}

/** `2` → `two`, `3` → `three`: the skew in words. */
export function skewWords(n: number): string {
  return n === 3 ? 'three' : n === 2 ? 'two' : String(n);
}
