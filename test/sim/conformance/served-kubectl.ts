// The conformance suites run the real kubectl against the simulated API server once per Kubernetes
// minor the simulator can present (the demo starts on 1.31 and upgrades to 1.32): /usr/bin/kubectl
// picks its bundled kubectl by the minor `/version` reports, as it would against AKS.
import { afterAll, beforeAll } from 'vitest';
import type { KubeObject } from '../../../src/sim/contracts.js';
import { onCleanup } from '../../helpers/cleanup.js';
import {
  kubectl,
  kubectlStream,
  requireKubectl,
  type KubectlResult,
  type KubectlStream,
} from '../helpers/kube-kubectl.js';
import { type KubeTestServer, startKube, writeKubeconfig } from '../helpers/kube-server.js';

/** The minors the simulated cluster serves to kubectl. */
export const SERVED_MINORS = ['31', '32'] as const;

/** A running server for one minor, and kubectl as cluster admin against it. */
export interface ServedKubectl {
  server: () => KubeTestServer;
  /** kubectl as a cluster admin (isolated HOME and cache, removed at the end of the file). */
  run: (args: string[], timeoutMs?: number) => Promise<KubectlResult>;
  /** A kubectl that keeps running (`get -w`), stopped when the test ends. */
  stream: (args: string[]) => KubectlStream;
  /** kubectl as another identity. */
  runAs: (user: string, groups: string[], args: string[]) => Promise<KubectlResult>;
}

/** Starts a server for `minor` before the suite's tests and stops it after. */
export function servedKubectl(
  minor: string,
  options: { objects?: KubeObject[]; speed?: number; watchHistory?: number } = {},
): ServedKubectl {
  let server: KubeTestServer | undefined;
  let env: { kubeconfig: string; home: string } | undefined;
  beforeAll(async () => {
    requireKubectl();
    server = await startKube(options.objects, options.speed ?? 10, minor, options.watchHistory);
    const kc = writeKubeconfig(server, server.token('admin@contoso.com', ['system:masters']));
    env = { kubeconfig: kc.path, home: kc.dir };
  });
  afterAll(async () => {
    await server?.close();
  });
  return {
    server: () => server!,
    run: (args, timeoutMs) => kubectl(args, env!, timeoutMs),
    stream: (args) => {
      const s = kubectlStream(args, env!);
      onCleanup(() => s.stop());
      return s;
    },
    runAs: (user, groups, args) => {
      const kc = writeKubeconfig(server!, server!.token(user, groups));
      return kubectl(args, { kubeconfig: kc.path, home: kc.dir });
    },
  };
}
