import { sentWords, unheardWhy } from '../../model/errors.js';

/** An ARM failure reduced to what the operator needs: HTTP status, AKS code, message. */
export interface ArmFailure {
  statusCode?: number;
  code: string;
  message: string;
  /** Not an answer of AKS: the failure happened on this side (message is our own line). */
  unanswered?: boolean;
  /** Failed before the request went out: nothing was sent to Azure. */
  notSent?: boolean;
}

/** Pulls status, code and message out of whatever the SDK or poller threw. */
export function armFailureOf(error: unknown): ArmFailure {
  const e = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    details?: { error?: { code?: string; message?: string } };
  };
  // A failed long-running operation arrives from @azure/core-lro as a plain Error reading
  // "The long-running operation has failed. <code>. <message>": the AKS code is in the text.
  const raw = e.details?.error?.message ?? e.message ?? String(error);
  const message = raw.replace(/^The long-running operation has failed\.\s+/, '');
  const fromMessage = /^(\w+)\.\s/.exec(message)?.[1];
  const code =
    e.details?.error?.code ??
    (e.code && e.code !== 'RestError' ? e.code : undefined) ??
    fromMessage ??
    'Unknown';
  const out: ArmFailure = {
    // The poller reports a Canceled operation with no code at all: it was canceled, not failed.
    code: code === 'Unknown' && /\bcancel+ed\b/i.test(message) ? 'OperationCanceled' : code,
    message: fromMessage ? message.slice(fromMessage.length + 2) : message,
  };
  if (e.statusCode !== undefined) out.statusCode = e.statusCode;
  return out;
}

/** The PDB and pod named in an AKS drain failure, if it names them. */
export function blockingPdb(
  message: string,
): { pdb: string; namespace: string; pod: string } | undefined {
  const m = /PDB debug info: ([^/\s]+)\/(\S+) blocked by pdb (\S+)/.exec(message);
  return m ? { namespace: m[1]!, pod: m[2]!, pdb: m[3]! } : undefined;
}

/** AKS's refusal of an upgrade for recent use of APIs the target removes. */
export const DEPRECATED_API_BLOCK =
  /UpgradeBlockedOnDeprecatedAPIUsage|blocked due to recent usage of a Kubernetes API deprecated/;

/** What went wrong and what to do next, in plain words, for the failures AKS upgrades hit. */
export function explainFailure(f: ArmFailure, what: string): string[] {
  if (f.notSent) return [`✖ ${what} was not sent: ${f.message}`];
  if (f.unanswered) return [`✖ ${what} failed: ${f.message}`];
  const head = `✖ ${what} failed: ${f.code}${f.statusCode ? ` (HTTP ${f.statusCode})` : ''}`;
  if (f.statusCode === 304)
    return [
      `✔ ${what}: nothing to do, the pool already runs the latest node image (AKS answered 304).`,
    ];
  // EtagMismatch: AKS's 409 for a resource another writer changed meanwhile; 412: an If-Match
  // eTag that no longer matches. Said as the r key of the upgrades and node-image steps acts: on
  // a fresh step it retries (reading the resource again and asking first); on a stale one it
  // looks first.
  if (f.code === 'EtagMismatch' || f.statusCode === 412) {
    return [
      head,
      'The cluster or pool changed after it was read (its etag no longer matches), so AKS refused this change; nothing was changed.',
      'Press r to retry: it reads the cluster again and asks you first, showing the change it would send; check it still makes sense before you confirm. If the last look failed, r looks again first; once a look works, r retries.',
      `AKS said: ${f.message}`,
    ];
  }
  if (f.statusCode === 409 || /in progress|another operation/i.test(f.message)) {
    return [
      head,
      'Another operation is still running on this cluster or one of its pools, so AKS refused this one.',
      'Wait for it and press r to retry, or press a to abort the running operation (abortLatestOperation).',
      `AKS said: ${f.message}`,
    ];
  }
  // UpgradeFailed covers more than drains (VM extensions, quota…): only a message about draining,
  // evicting or a PDB is explained as one.
  if (/drain|evict|disruption budget|\bPDBs?\b/i.test(f.message)) {
    const b = blockingPdb(f.message);
    return [
      head,
      b
        ? `PodDisruptionBudget ${b.namespace}/${b.pdb} would not let AKS evict pod ${b.pod}, so the node could not be drained in time.`
        : 'AKS could not drain a node in time.',
      'Fix or scale the workload behind the PDB (or relax the PDB), or set undrainableNodeBehavior: Cordon on the pool; then press r to retry (a same-version upgrade resumes where it stopped).',
      b
        ? `Inspect it: kubectl get pdb -n ${b.namespace} ${b.pdb}; press d to open the drain step, which shows which pods it blocks.`
        : 'The drain step shows what blocks a node.',
      `AKS said: ${f.message}`,
    ];
  }
  if (DEPRECATED_API_BLOCK.test(f.message)) {
    return [
      head,
      'AKS checks recent API server traffic before a minor upgrade: clients recently wrote through an API this version removes (AKS names it below), so it refused before changing anything.',
      "Move those clients and manifests to the replacement apiVersion (the findings above name them), let the usage age out, then press c again; or press f to send AKS's override (upgradeSettings.overrideSettings: forceUpgrade until a set time), after which those calls fail.",
      `AKS said: ${f.message}`,
    ];
  }
  if (f.code === 'OperationNotAllowed' && /not allowed.*Available upgrades/i.test(f.message)) {
    return [
      head,
      'That version would skip a minor: AKS upgrades one minor version at a time.',
      `AKS said: ${f.message}`,
    ];
  }
  if (f.code === 'NodePoolMcVersionIncompatible') {
    // Two causes with opposite fixes: a pool too far behind (its own upgrade first), a pool newer.
    const behind = /less than control plane|versions? less/i.test(f.message);
    return [
      head,
      behind
        ? 'A pool may be only so far behind the control plane (three minors from 1.28 on, two before): upgrade the pool first (to the control plane version), then the control plane.'
        : 'A pool may not be newer than the control plane: upgrade the control plane first.',
      `AKS said: ${f.message}`,
    ];
  }
  if (/VersionNotSupported/.test(f.code)) {
    return [
      head,
      'That version is not offered in this region: pick one from the list.',
      `AKS said: ${f.message}`,
    ];
  }
  if (f.code === 'OperationCanceled' || /cancel/i.test(f.code)) {
    return [
      `■ ${what} was canceled (aborted): nodes already done stay done; the rest keep their old version.`,
    ];
  }
  return [head, `AKS said: ${f.message}`];
}

/** How an operator checks by hand how a change whose answer never came ended. */
export interface UnknownCheck {
  /** The command that tells (`az aks show … --query provisioningState`). */
  command: string;
  /** What its answers mean (`Upgrading: still running; Succeeded or Failed: how it ended`). */
  reading: string;
}

/** How an AKS operation is checked without a command: its provisioningState. */
const PROVISIONING_STATE = 'Upgrading: still running; Succeeded or Failed: how it ended';

/**
 * A change whose answer never came, for the operator: sent and accepted, or no answer (never "was
 * sent" on a guess); outcome unknown (never "failed" or "succeeded"); what may still be going on in
 * Azure, and the command that tells (`check`; an AKS operation's provisioningState when given as a
 * string or absent). Pure.
 */
export function explainUnknown(
  what: string,
  accepted: boolean,
  why: string,
  check: string | UnknownCheck | undefined,
): string[] {
  const { command, reading } =
    typeof check === 'object' ? check : { command: check, reading: PROVISIONING_STATE };
  const how = command ? `Check it: ${command}` : 'Check its provisioningState in Azure';
  return [
    `⚠ ${what} ${sentWords(accepted)}; its outcome is unknown. ${capitalized(unheardWhy(accepted, why))}`,
    accepted
      ? 'It may still be running in Azure: nothing here stopped or undid it.'
      : 'It may be running in Azure, or may never have started: do not send it again before checking.',
    `${how} (${reading}), or press r to read it again once Azure answers.`,
  ];
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where the aborted operation stands once ARM was read again after a failed abort. */
export type AfterAbort =
  | { kind: 'running'; what: string }
  | { kind: 'ended'; what: string; state: string }
  | { kind: 'unknown' };

/**
 * A failed abort in one statement: what was refused, and what is still running (or that the
 * operation had already ended), from ARM's state read after the refusal. Pure.
 */
export function explainAbortFailure(f: ArmFailure, on: string, after: AfterAbort): string[] {
  const why = `${f.code}${f.statusCode ? `, HTTP ${f.statusCode}` : ''}`;
  const said = `AKS said: ${f.message}`;
  switch (after.kind) {
    case 'running':
      return [
        `✖ The abort of ${on} was refused (${why}): ${after.what} is still running. Press a to try the abort again.`,
        said,
      ];
    case 'ended':
      return [
        `✖ Nothing was aborted on ${on} (${why}): ${after.what} had already ended (ARM: ${after.state}).`,
        said,
      ];
    case 'unknown':
      return [
        `✖ The abort of ${on} failed (${why}); ARM could not be read to say whether the operation still runs: press r to read it.`,
        said,
      ];
  }
}

/**
 * An abort whose answer never came: it may have reached Azure or not. What runs is ARM's word
 * read after it (never "refused", never "canceled"). Pure.
 */
export function explainAbortUnheard(on: string, why: string, after: AfterAbort): string[] {
  const head = `⚠ The abort of ${on} got no answer, so whether Azure accepted it is unknown: ${why}`;
  switch (after.kind) {
    case 'running':
      return [head, `ARM still shows ${after.what} running: press a to try the abort again.`];
    case 'ended':
      return [head, `${after.what} has ended (ARM: ${after.state}).`];
    case 'unknown':
      return [head, 'ARM could not be read either: press r to read whether it still runs.'];
  }
}
