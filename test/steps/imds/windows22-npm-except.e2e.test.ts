// Windows Server 2022 pods under Azure Network Policy Manager, kept from the endpoint by the
// step's own kind of policy (0.0.0.0/0 except 169.254.169.254/32): judged blocked, no finding.
// NPM runs on Windows only for subscriptions onboarded to its preview (no new ones: the support
// notice on https://learn.microsoft.com/azure/aks/use-network-policies), and NPM's Windows
// translation refuses an ipBlock `except` (Azure/azure-container-networking#1513,
// ErrUnsupportedExceptCIDR: "unsupported Except CIDR block translation features used on
// windows"), so the policy does not isolate these pods. Same root as
// imds-windows-pods-npm.test.ts: Windows pods are judged as if NPM enforced on them.
import { describe, expect, it } from 'vitest';
import { assessWindowsNpm } from './windows-npm.js';

const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: restrict-instance-metadata
  namespace: winapps
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
`;

describe('imds: Windows Server 2022 pods under Azure NPM, blocked by an except', () => {
  it('does not pass a namespace of Windows pods as blocked by an except that NPM does not apply on Windows', async () => {
    const { engine, verdict, findings } = await assessWindowsNpm(2022, policy);
    expect(engine).toBe('azure');
    // The policies alone say blocked; that is the fact under test, not the defect.
    expect(verdict.kind).toBe('blocked');
    expect(verdict.pods).toBeGreaterThan(0);
    // Correct: the namespace is reported (not enforced for its Windows pods), not passed silently.
    expect(findings.length).toBeGreaterThan(0);
  }, 30_000);
});
