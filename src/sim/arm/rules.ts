import type { KubernetesVersionSpec } from '../scenario/schema.js';
import { allPatches, compareVersions, minorOf, upgradesFrom } from './versions.js';

/** A refusal: HTTP status, ARM error code and AKS's message. */
export interface Refusal {
  status: number;
  code: string;
  message: string;
}

/** The region check AKS runs on any requested version. */
export function checkOffered(
  versions: KubernetesVersionSpec[],
  version: string,
  pool?: string,
): Refusal | undefined {
  if (allPatches(versions).includes(version)) return undefined;
  return {
    status: 400,
    code: pool ? 'AgentPoolK8sVersionNotSupported' : 'K8sVersionNotSupported',
    message: `Version ${version} is not supported in this region. Please use [az aks get-versions] command to get the supported version list in this region. For more information, please check https://aka.ms/supported-version-list`,
  };
}

/** Control plane: no minor skipping, no downgrade. */
export function checkControlPlaneUpgrade(
  versions: KubernetesVersionSpec[],
  from: string,
  to: string,
): Refusal | undefined {
  if (from === to) return undefined;
  const offered = checkOffered(versions, to);
  if (offered) return offered;
  const available = upgradesFrom(versions, from);
  if (available.includes(to)) return undefined;
  return {
    status: 400,
    code: 'OperationNotAllowed',
    message: `Upgrading Kubernetes version ${from} to ${to} is not allowed. Available upgrades: [${available.join(' ')}]. Please see https://aka.ms/aks-supported-k8s-ver for version details.`,
  };
}

/**
 * AKS's auto-upgrade limitation: while a channel that moves Kubernetes versions is on (patch,
 * stable, rapid), the control plane cannot be upgraded alone; pools must come with it.
 */
export function checkAutoUpgradeControlPlaneOnly(
  channel: string | undefined,
  controlPlaneMoves: boolean,
  poolsUpgraded: number,
): Refusal | undefined {
  const c = channel?.toLowerCase();
  if (!controlPlaneMoves || poolsUpgraded > 0 || !c || c === 'none' || c === 'node-image')
    return undefined;
  return {
    status: 400,
    code: 'NotAllAgentPoolOrchestratorVersionSpecifiedAndUnchanged',
    message: `Using managed cluster api, all Agent pools' OrchestratorVersion must be all specified or all unspecified. If all specified, they must be stay unchanged or the same with control plane. For agent pool specific change, please use per agent pool operations: https://aka.ms/agent-pool-rest-api`,
  };
}

/**
 * How many minors a pool may be behind a control plane of this minor (AKS supported-versions FAQ:
 * three from 1.28 on, following the kubelet skew; two before).
 */
export function allowedPoolSkew(cpMinor: number): number {
  return cpMinor >= 28 ? 3 : 2;
}

/** Pool vs control plane skew: not newer, at most the allowed minors behind; never downgraded. */
export function checkPoolVersion(
  versions: KubernetesVersionSpec[],
  pool: string,
  current: string,
  to: string,
  controlPlane: string,
): Refusal | undefined {
  if (current === to) return undefined;
  const offered = checkOffered(versions, to, pool);
  if (offered) return offered;
  const poolMinor = minorOf(to);
  const cpMinor = minorOf(controlPlane);
  if (compareVersions(to, controlPlane) > 0) {
    const why =
      poolMinor > cpMinor
        ? `Minor version of node pool version ${poolMinor} is bigger than control plane version ${cpMinor}.`
        : `Node pool version cannot be newer than control plane version.`;
    return incompatible(to, controlPlane, why);
  }
  if (poolMinor < cpMinor - allowedPoolSkew(cpMinor)) return tooFarBehind(to, controlPlane);
  if (compareVersions(to, current) < 0) {
    return {
      status: 400,
      code: 'NotAllowedAgentPoolVersionDowngrade',
      message: `Downgrading agent pool ${pool} from version ${current} to ${to} is not allowed.`,
    };
  }
  return undefined;
}

/** A control-plane version that would leave a pool it does not upgrade past the allowed skew. */
export function checkPoolsLeftBehind(
  pools: ReadonlyArray<{ name: string; currentOrchestratorVersion: string }>,
  controlPlane: string,
): Refusal | undefined {
  const cpMinor = minorOf(controlPlane);
  const behind = pools.find(
    (p) => minorOf(p.currentOrchestratorVersion) < cpMinor - allowedPoolSkew(cpMinor),
  );
  return behind ? tooFarBehind(behind.currentOrchestratorVersion, controlPlane) : undefined;
}

function tooFarBehind(pool: string, cp: string): Refusal {
  const n = allowedPoolSkew(minorOf(cp));
  return incompatible(
    pool,
    cp,
    `Minor version of node pool cannot be more than ${n} versions less than control plane's version.`,
  );
}

function incompatible(pool: string, cp: string, why: string): Refusal {
  return {
    status: 400,
    code: 'NodePoolMcVersionIncompatible',
    message: `Node pool version ${pool} and control plane version ${cp} are incompatible. ${why}`,
  };
}

/** AKS's 409 while another operation runs on the cluster or a pool. */
export function busyRefusal(what: string, pool?: string): Refusal {
  const message = pool
    ? `Operation is not allowed because there's an in progress agentpool operation: Another agentpool operation (${pool} - ${what}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation`
    : `Operation is not allowed: Another operation (${what}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation`;
  return { status: 409, code: 'OperationNotAllowed', message };
}
