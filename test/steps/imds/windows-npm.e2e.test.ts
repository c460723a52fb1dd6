// Windows pods on a cluster whose policy engine is Azure Network Policy Manager: the step reads
// the pods and the deny-all egress policy over the wire and judges the namespace blocked, with no
// finding. Microsoft documents NPM on Linux and on Windows Server 2022 only (and on Windows only as
// a preview, for subscriptions onboarded to it); Cilium on Linux only. On a Windows Server 2019
// pool nothing enforces NetworkPolicy, so these pods reach 169.254.169.254 whatever the policy says.
// Spec: https://learn.microsoft.com/azure/aks/use-network-policies ("Supported platforms" row of
// the engine comparison table; the NPM-on-Windows support notice).
import { describe, expect, it } from 'vitest';
import { assessWindowsNpm } from './windows-npm.js';

const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: winapps
spec:
  podSelector: {}
  policyTypes: [Egress]
`;

describe('imds: Windows pods under Azure NPM', () => {
  it('does not pass a namespace of Windows pods as blocked when the engine does not enforce on Windows Server 2019', async () => {
    const { engine, verdict, findings } = await assessWindowsNpm(2019, policy);
    expect(engine).toBe('azure');
    // The policies alone say blocked; that is the fact under test, not the defect.
    expect(verdict.kind).toBe('blocked');
    expect(verdict.pods).toBeGreaterThan(0);
    // Correct: the namespace is reported (not enforced for its Windows pods), not passed silently.
    expect(findings.length).toBeGreaterThan(0);
  }, 30_000);
});
