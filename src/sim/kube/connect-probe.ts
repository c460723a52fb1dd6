// Pods whose container is a TCP connect probe (`nc -z [-v] [-w SECONDS] HOST PORT`, as busybox
// runs it) are run by the simulator: the data plane decides whether the connection opens, the
// container exits 0 (connected) or 1 (not), and its log says which. Nothing else is run.
import type { KubeObject } from '../contracts.js';
import { decideFlow, type SimDataPlane } from './dataplane.js';
import type { Store } from './store.js';
import { arr, isRecord, specOf } from './types.js';

/** What the probe asks: a TCP connection to host:port, given up after `timeoutSeconds`. */
export interface ConnectProbe {
  host: string;
  port: number;
  timeoutSeconds: number;
}

/** How a container run ends: after how long, with what exit code and log lines. */
export interface ContainerRun {
  afterMs: number;
  exitCode: number;
  log: string[];
}

/** The probe the pod's only container runs, if it is one (busybox `nc` argument syntax). */
export function connectProbeOf(pod: KubeObject): ConnectProbe | undefined {
  const containers = arr(specOf(pod)['containers']).filter(isRecord);
  if (containers.length !== 1) return undefined;
  const c = containers[0]!;
  const argv = [...arr(c['command']), ...arr(c['args'])].map(String);
  if (argv[0]?.split('/').pop() !== 'nc') return undefined;
  let zero = false;
  let timeoutSeconds = Infinity;
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positional.push(arg);
      continue;
    }
    // Flags may be grouped (-zv) and -w takes a value, glued (-w3) or next (-w 3).
    for (let j = 1; j < arg.length; j++) {
      const flag = arg[j]!;
      if (flag === 'z') zero = true;
      else if (flag === 'v' || flag === 'n') continue;
      else if (flag === 'w') {
        const value = arg.slice(j + 1) || argv[++i];
        timeoutSeconds = Number(value);
        break;
      } else return undefined; // -u (UDP), -l (listen), -e ...: not a TCP connect probe
    }
  }
  const [host, portText] = positional;
  const port = Number(portText);
  if (
    !zero ||
    !host ||
    positional.length !== 2 ||
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535
  )
    return undefined;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) timeoutSeconds = 75; // a kernel connect timeout
  return { host, port, timeoutSeconds };
}

/** Runs the probe against the data plane: connected at once, or a timeout after -w seconds. */
export function runConnectProbe(
  store: Store,
  plane: SimDataPlane,
  pod: KubeObject,
  probe: ConnectProbe,
): ContainerRun {
  const flow = { from: pod, address: probe.host, protocol: 'TCP' as const, port: probe.port };
  const { allowed } = decideFlow(store, plane, flow);
  const where = `${probe.host} (${probe.host}:${probe.port})`;
  return allowed
    ? { afterMs: 50, exitCode: 0, log: [`${where} open`] }
    : {
        afterMs: probe.timeoutSeconds * 1000,
        exitCode: 1,
        log: [`nc: ${where}: Connection timed out`],
      };
}
