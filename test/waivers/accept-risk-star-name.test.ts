// Accepting the risk of ONE binding once wrote a waiver that accepted every binding. RBAC object
// names may hold `*` (Kubernetes checks RBAC names as path segments: only `.`, `..`, `/` and `%`
// are refused; ValidateRBACName = path.IsValidPathSegmentName,
// https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/rbac/validation/validation.go).
// The `A` form promises a waiver "for exactly that finding, object and cluster" (README
// "Waivers"), but RiskDesk.entry (src/waivers/risk-desk.ts objectOf) copies the name raw and
// globMatch (src/waivers/waiver-match.ts) reads every `*` as a wildcard, with no way to escape
// it. Whoever can create a ClusterRoleBinding named `ops-*` and get it accepted once has every
// later `ops-...` cluster-admin binding waived, silently, in the TUI and in the audit gate.
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { RiskDesk } from '../../src/waivers/risk-desk.js';
import { tempDir } from '../helpers/temp-dir.js';

const now = new Date('2026-03-01T12:00:00Z');

function clusterAdmin(name: string): Finding {
  return {
    id: 'rbac.cluster-admin',
    severity: 'high',
    object: { kind: 'ClusterRoleBinding', name },
    message: `User x: full control across the whole cluster through ClusterRole cluster-admin (${name}).`,
  };
}

it('accepts the risk of exactly the binding named, even when its name holds a *', async () => {
  const file = join(tempDir('accept-star-'), 'waivers.yaml');
  const desk = new RiskDesk(file, undefined, { maxDays: 180, now: () => now }, { name: 'aks-one' });
  const accepted = clusterAdmin('ops-*');
  const entry = desk.entry(accepted, {
    reason: 'break-glass binding, reviewed',
    owner: 'sre@contoso.com',
    expires: '2026-05-30',
  });
  if (typeof entry === 'string') throw new Error(entry);
  await desk.accept(entry);
  const [same, other] = desk.mark([accepted, clusterAdmin('ops-backdoor')]);
  expect(same!.waiver).toBeDefined();
  // A binding the operator never saw must stay an open high finding.
  expect(other!.waiver).toBeUndefined();
});
