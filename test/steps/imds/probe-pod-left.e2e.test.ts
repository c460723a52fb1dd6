// Probe pods the step made and did not delete must be named, never hidden behind "every probe pod
// was deleted". Two holes, fixed here: a create whose answer was lost (connection reset after the
// API server made the pod) left the pod running, never deleted or named; a delete refused or
// failed showed `✖ left behind` in the progress while the result still said every pod was deleted.
// README "The metadata endpoint step" → Probing: one short-lived pod per chosen namespace "runs
// … and is deleted"; README "Journal" → Outcome unknown: a write whose answer never came "may or
// may not have reached" the server and is never called done or undone; one read settles it.
// Spec: https://kubernetes.io/docs/reference/using-api/api-concepts/ (a request may be processed
// though its response never arrives; read the object to learn its state). Real client-node over
// HTTPS against the simulator's fault injection.
import { CoreV1Api } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from '../../../src/model/bounds.js';
import { digestSession } from '../../../src/report/journal-digest.js';
import { imdsSession, type ImdsSession } from './harness.js';

let session: ImdsSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

/** A pod create (POST to a namespace's pods) or a read or delete of one pod. */
const POD_CREATES = '^/api/v1/namespaces/[^/]+/pods$';
const ONE_POD = '^/api/v1/namespaces/[^/]+/pods/[^/]+$';

async function probePods(s: ImdsSession): Promise<string[]> {
  const pods = await s.connection.kc
    .makeApiClient(CoreV1Api)
    .listPodForAllNamespaces({ labelSelector: 'aks-runbook/probe=imds' });
  return pods.items.map((p) => `${p.metadata!.namespace}/${p.metadata!.name}`);
}

async function probeAll(s: ImdsSession): Promise<string[]> {
  await s.host.open('imds');
  const sent = s.host.send('imds', { type: 'action', key: 'p' });
  await s.until(() => s.store.getState().confirmation !== undefined, 'the confirmation');
  s.store.answer(true);
  await sent;
  return s.store.getState().stepViews.imds?.result ?? [];
}

/** Each probe pod's journaled results per action: `create ns/name` → [outcome, settled]. */
function podResults(s: ImdsSession): Record<string, Array<[unknown, unknown]>> {
  const records = s.journalLines();
  const out: Record<string, Array<[unknown, unknown]>> = {};
  for (const i of records.filter((r) => r['type'] === 'intent')) {
    const key = `${String(i['action']).split(' ')[0]} ${String(i['target']).slice('pod/'.length)}`;
    out[key] = records
      .filter((r) => r['type'] === 'result' && r['id'] === i['id'])
      .map((r) => [r['outcome'], r['settled']]);
  }
  return out;
}

function notes(s: ImdsSession): string[] {
  return s
    .journalLines()
    .filter((l) => l['type'] === 'note' && String(l['message']).startsWith('probe pod'))
    .map((l) => String(l['message']));
}

describe('imds probe: a pod create whose answer was lost', () => {
  it('reads the pod back, waits for it and deletes it; the journal settles the create', async () => {
    // Every pod create is processed, then its answer is dropped (the stream reset).
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['POST'], pathPattern: POD_CREATES, loseAnswer: 1 },
    ));
    const result = await probeAll(s);
    expect(await probePods(s)).toEqual([]);
    const probes = s.state().probes ?? [];
    expect(probes.length).toBeGreaterThan(1);
    // The pods ran: each probe tells, as on a clean wire.
    expect(probes.every((p) => p.agree === true)).toBe(true);
    expect(result[0]).toMatch(/^Probed \d+ namespaces; every probe pod was deleted:$/);
    const journal = podResults(s);
    for (const p of probes) {
      const at = `${p.namespace}/${p.pod}`;
      expect(journal[`create ${at}`]).toEqual([
        ['unknown', undefined],
        ['ok', `pod ${at} is there`],
      ]);
      expect(journal[`delete ${at}`]).toEqual([['ok', undefined]]);
    }
    expect(digestSession(await s.journal.read()).unsettled).toEqual([]);
    expect(notes(s)).toEqual([]);
  });

  it('a create reset before it was made: read back absent, said not created, nothing left', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['POST'], pathPattern: POD_CREATES, reset: 1 },
    ));
    const result = await probeAll(s);
    expect(await probePods(s)).toEqual([]);
    const text = result.join('\n');
    expect(result[0]).toMatch(/^Probed \d+ namespaces; no probe pod was created:$/);
    expect(text).toContain('reading it again shows no pod: not created');
    expect(text).not.toContain('every probe pod was deleted');
    const journal = podResults(s);
    for (const p of s.state().probes ?? []) {
      const at = `${p.namespace}/${p.pod}`;
      expect(journal[`create ${at}`]).toEqual([
        ['unknown', undefined],
        ['failed', `no pod ${at}`],
      ]);
      expect(journal[`delete ${at}`]).toBeUndefined();
    }
    expect(digestSession(await s.journal.read()).unsettled).toEqual([]);
  });

  it('the read back fails too: each pod is named as maybe left, with how to check', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['POST', 'GET'], pathPattern: `${POD_CREATES}|${ONE_POD}`, reset: 1 },
      // The reads' retries wait little: the test is of the words, not of the backoff.
      { ...DEFAULT_BOUNDS, retryWaitMaxMs: 20 },
    ));
    const result = await probeAll(s);
    const text = result.join('\n');
    const probes = s.state().probes ?? [];
    expect(probes.length).toBeGreaterThan(1);
    expect(result[0]).toMatch(
      new RegExp(`no probe pod was created, ${probes.length} may be left \\(outcome unknown\\):$`),
    );
    expect(text).not.toContain('every probe pod was deleted');
    expect(text).not.toContain('not created');
    for (const p of probes) {
      const at = `${p.namespace}/${p.pod}`;
      expect(result).toContainEqual(
        expect.stringMatching(
          new RegExp(
            `^\\? pod ${at} may be left: .*outcome unknown.*kubectl get pod -n ${p.namespace} ${p.pod}`,
          ),
        ),
      );
      expect(podResults(s)[`create ${at}`]).toEqual([['unknown', undefined]]);
    }
    expect(notes(s)).toEqual(
      probes.map((p) => `probe pod may be left: pod/${p.namespace}/${p.pod}`),
    );
    expect(digestSession(await s.journal.read()).unsettled).toHaveLength(probes.length);
  });
});

describe('imds probe: a pod delete that did not take', () => {
  it('a delete the API server failed: named left behind, the headline counts what was deleted', async () => {
    // The creates work; every delete of a pod is answered 500 (after the read retries).
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['DELETE'], pathPattern: ONE_POD, serverError: 1 },
    ));
    const result = await probeAll(s);
    const left = await probePods(s);
    expect(left.length).toBeGreaterThan(1);
    expect(result[0]).toBe(
      `Probed ${left.length} namespaces; deleted 0 of the ${left.length} probe pods created, ${left.length} left behind:`,
    );
    expect(result.join('\n')).not.toContain('every probe pod was deleted');
    for (const at of left) {
      const [ns, name] = at.split('/');
      expect(result).toContainEqual(
        expect.stringMatching(
          new RegExp(`^✖ left behind: pod ${at} \\(kubectl delete pod -n ${ns} ${name}\\): .*500`),
        ),
      );
      expect(podResults(s)[`delete ${at}`]).toEqual([['failed', undefined]]);
    }
    expect(notes(s).sort()).toEqual(left.map((at) => `probe pod left behind: pod/${at}`).sort());
  });

  it('a delete whose answer was lost: read back gone, counted deleted and journaled settled', async () => {
    const s = (session = await imdsSession(
      'demo',
      {},
      { api: 'kube', methods: ['DELETE'], pathPattern: ONE_POD, loseAnswer: 1 },
    ));
    const result = await probeAll(s);
    expect(await probePods(s)).toEqual([]);
    expect(result[0]).toMatch(/^Probed \d+ namespaces; every probe pod was deleted:$/);
    const journal = podResults(s);
    for (const p of s.state().probes ?? []) {
      const at = `${p.namespace}/${p.pod}`;
      expect(journal[`delete ${at}`]).toEqual([
        ['unknown', undefined],
        ['ok', `pod ${at} is gone`],
      ]);
    }
    expect(digestSession(await s.journal.read()).unsettled).toEqual([]);
  });
});
