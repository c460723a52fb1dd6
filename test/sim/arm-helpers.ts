// Shared by the ARM simulator tests: a minimal Kubernetes world, an ARM-only server, the real SDK
// client, a bounded wait and raw requests (for status codes and headers the SDK hides).
import { ContainerServiceClient } from '@azure/arm-containerservice';
import type { TokenCredential } from '@azure/core-auth';
import { makeCertificates } from '../../src/sim/cert.js';
import { SimClock } from '../../src/sim/clock.js';
import type { EvictionAnswer, KubeObject, KubeWorld } from '../../src/sim/contracts.js';
import { createAks, type Aks } from '../../src/sim/arm/index.js';
import { installFaults, type FaultSpec } from '../../src/sim/faults.js';
import { loadScenario, type Scenario } from '../../src/sim/scenario.js';
import { HttpsSim } from '../../src/sim/server.js';
import { until } from '../helpers/until.js';

/**
 * A tiny KubeWorld: nodes, pods bound to nodes, and PDB-like blocks by pod name. Enough to watch
 * the resource provider move nodes; the real Kubernetes half has its own tests.
 */
export class FakeWorld implements KubeWorld {
  readonly nodes = new Map<string, KubeObject>();
  readonly pods: KubeObject[] = [];
  /** Pods whose eviction answers 429 (as a PDB with 0 allowed disruptions would). */
  readonly blocked = new Set<string>();
  evictions = 0;
  /** Pods deleted without the Eviction API (a force upgrade). */
  deletions = 0;

  load(objects: KubeObject[]): void {
    for (const o of objects) if (o.kind === 'Pod') this.pods.push(o);
  }
  putNode(node: KubeObject): void {
    this.nodes.set(node.metadata.name, structuredClone(node));
  }
  deleteNode(name: string): void {
    this.nodes.delete(name);
    for (const pod of this.pods.filter((p) => nodeOf(p) === name)) this.reschedule(pod);
  }
  getNode(name: string): KubeObject | undefined {
    return this.nodes.get(name);
  }
  listNodes(): KubeObject[] {
    return [...this.nodes.values()];
  }
  /** No client here uses deprecated APIs. */
  deprecatedWritesSince(): ReturnType<KubeWorld['deprecatedWritesSince']> {
    return [];
  }
  setUnschedulable(name: string, unschedulable: boolean): void {
    const node = this.nodes.get(name);
    if (node) node['spec'] = { ...(node['spec'] as object), unschedulable };
  }
  setNodeLabels(name: string, labels: Record<string, string | null>): void {
    const node = this.nodes.get(name);
    if (!node) return;
    const next = { ...node.metadata.labels };
    for (const [k, v] of Object.entries(labels))
      if (v === null) delete next[k];
      else next[k] = v;
    node.metadata.labels = next;
  }
  podsOnNode(name: string): KubeObject[] {
    return this.pods.filter((p) => nodeOf(p) === name);
  }
  evict(namespace: string, name: string): EvictionAnswer {
    const pod = this.pods.find(
      (p) => p.metadata.name === name && p.metadata.namespace === namespace,
    );
    if (!pod) return { code: 404, message: `pods "${name}" not found` };
    if (this.blocked.has(name)) {
      return {
        code: 429,
        message: "Cannot evict pod as it would violate the pod's disruption budget.",
        pdb: `${name}-pdb`,
      };
    }
    this.evictions++;
    this.reschedule(pod);
    return { code: 201, message: '' };
  }
  deletePod(namespace: string, name: string): void {
    const pod = this.pods.find(
      (p) => p.metadata.name === name && p.metadata.namespace === namespace,
    );
    if (!pod) return;
    this.deletions++;
    this.reschedule(pod);
  }
  /** Moves a pod to any schedulable node (a controller recreating it elsewhere). */
  private reschedule(pod: KubeObject): void {
    const target = [...this.nodes.values()].find(
      (n) => !(n['spec'] as { unschedulable?: boolean }).unschedulable,
    );
    (pod['spec'] as Record<string, unknown>)['nodeName'] = target?.metadata.name ?? '';
  }
}

function nodeOf(pod: KubeObject): string | undefined {
  return (pod['spec'] as { nodeName?: string } | undefined)?.nodeName;
}

/** A pod bound to a node. */
export function pod(name: string, node: string, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { nodeName: node } };
}

/** An ARM-only simulator (no Kubernetes API) over HTTPS, for the resource provider's tests. */
export interface ArmHarness {
  https: HttpsSim;
  aks: Aks;
  world: FakeWorld;
  clock: SimClock;
  scenario: Scenario;
  caCert: string;
  token: string;
  client: ContainerServiceClient;
  close(): Promise<void>;
}

/** Starts ARM for a scenario at a test clock speed, with the real SDK client pointed at it. */
export async function startArm(
  scenarioName = 'minimal',
  opts: { speed?: number; faults?: FaultSpec; edit?: (s: Scenario) => void } = {},
): Promise<ArmHarness> {
  const scenario = await loadScenario(scenarioName);
  opts.edit?.(scenario);
  const certificates = await makeCertificates();
  const clock = new SimClock(opts.speed ?? 3000);
  const https = new HttpsSim({ certificates });
  await https.listen();
  const world = new FakeWorld();
  const faults = opts.faults ?? {};
  const aks = createAks({
    clock,
    kube: world,
    scenario,
    https,
    caCert: certificates.caCert,
    faults,
  });
  aks.createNodes();
  aks.register(https);
  installFaults(https, faults, clock);
  const { user, groups } = scenario.descriptor.operator;
  const token = https.tokens.issue({ user, groups, audience: 'arm' });
  const client = sdkClient(
    https.baseUrl,
    certificates.caCert,
    token,
    aks.coordinates.subscriptionId,
  );
  return {
    https,
    aks,
    world,
    clock,
    scenario,
    caCert: certificates.caCert,
    token,
    client,
    close: async () => {
      clock.stop();
      await https.close();
    },
  };
}

/** The real ContainerServiceClient, trusting only the sim CA, with a static local credential. */
export function sdkClient(
  baseUrl: string,
  ca: string,
  token: string,
  subscriptionId: string,
): ContainerServiceClient {
  const credential: TokenCredential = {
    getToken: () => Promise.resolve({ token, expiresOnTimestamp: Date.now() + 3_600_000 }),
  };
  return new ContainerServiceClient(credential, subscriptionId, {
    endpoint: baseUrl,
    tlsOptions: { ca },
    retryOptions: { maxRetries: 0 },
  });
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `ms`. */
export function waitFor<T>(
  check: () => T | undefined | false,
  ms = 10_000,
  what = 'condition',
): Promise<T> {
  return until(check, what, ms);
}

/** A raw HTTPS request to the sim (for status codes and headers the SDK hides). */
export async function rawArm(
  h: ArmHarness,
  method: string,
  path: string,
  body?: unknown,
  token = h.token,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: unknown }> {
  const { request } = await import('node:https');
  return new Promise((resolve, reject) => {
    const url = new URL(path, h.https.baseUrl);
    const req = request(
      url,
      {
        method,
        ca: h.caCert,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          ...extraHeaders,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const headers = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (typeof v === 'string') headers.set(k, v);
          resolve({
            status: res.statusCode ?? 0,
            headers,
            body: text ? (JSON.parse(text) as unknown) : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(JSON.stringify(body));
    req.end();
  });
}
