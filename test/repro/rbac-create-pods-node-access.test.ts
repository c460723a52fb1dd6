// Repro: a group that may create pods in an ordinary namespace (no ServiceAccount there holds more
// than its namespace's Secrets) gets only a low rbac.secrets-read. Nothing the RBAC step reads says
// that namespace enforces the Baseline or Restricted Pod Security Standard (AKS enforces neither by
// default), so the group can run a privileged or hostPID/hostPath pod and take the node: every pod's
// token on it and the kubelet's credentials. The finding neither says so nor rises above low, so a
// gate on medium passes it.
import { describe, expect, it } from 'vitest';
import { checkRbac } from '../../src/checks/rbac/check-bindings.js';
import type { Severity } from '../../src/model/finding.js';
import { clusterRole, facts, group, rb, rule } from '../checks/rbac-fixtures.js';

const TEAM = group('0b0c8a3e-1d2f-4e5a-8b9c-0d1e2f3a4b5c');
const RANK: Severity[] = ['info', 'low', 'medium', 'high'];

describe('create pods in a namespace whose Pod Security level is not known', () => {
  // kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation: "Users who can
  // run privileged Pods can use that access to gain node access and potentially to further
  // elevate their privileges. Where you do not fully trust a user ... you should enforce either
  // the Baseline or Restricted Pod Security Standard."
  it.fails('is reported at least medium, naming node access', () => {
    const review = checkRbac(
      facts({
        clusterRoles: [
          clusterRole('pod-runner', [rule(['create', 'get', 'list'], [''], ['pods'])]),
        ],
        roleBindings: [rb('dev', 'runners', 'ClusterRole', 'pod-runner', [TEAM])],
      }),
    );
    const onBinding = review.findings.filter((f) => f.object?.name === 'runners');
    const worst = Math.max(...onBinding.map((f) => RANK.indexOf(f.severity)), -1);
    expect(worst).toBeGreaterThanOrEqual(RANK.indexOf('medium'));
    expect(onBinding.map((f) => f.message).join(' ')).toMatch(/node/i);
  });
});
