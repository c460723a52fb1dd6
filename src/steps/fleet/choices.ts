import { compareVersions, minorOf } from '../../checks/versions/semver.js';
import type { FleetLook, FleetRunRequest } from '../../model/fleet-look.js';
import type { FleetPort } from '../../model/fleet-port.js';
import type { StepSession } from '../lifecycle/step-session.js';
import { planLines } from './lines.js';
import type { FleetStepState } from './state.js';
import { chosenStrategy } from './strategy.js';

// The operator's choices for an update run, the run they make, and planning it (reads only).

type Session = StepSession<FleetLook, FleetStepState>;

/** The newest patch of the minor after the cluster's (what "one minor at a time" allows). */
export function defaultVersion(s: Session, look: FleetLook): string | undefined {
  const current = s.ctx.connection.arm?.facts.cluster.currentKubernetesVersion;
  if (!current) return look.versions[0];
  const [major, minor] = minorOf(current).split('.').map(Number);
  const next = `${major}.${(minor ?? 0) + 1}`;
  return (
    look.versions.find((v) => minorOf(v) === next) ??
    look.versions.find((v) => compareVersions(v, current) >= 0) ??
    look.versions[0]
  );
}

export function choiceLine(s: Session): string {
  const { type, version, nodeImage } = s.state;
  const what =
    type === 'NodeImageOnly' ? 'node images only' : `${type} upgrade to ${version ?? '?'}`;
  return `Run to plan: ${what}, node image ${nodeImage} (t, v, i change it; p plans).`;
}

/** The run the choices make, on the chosen fleet with the chosen strategy (or its only one). */
export function requestOf(s: Session): FleetRunRequest | undefined {
  const f = s.facts?.fleets[s.state.fleet];
  if (!f) return undefined;
  const { type, version, nodeImage } = s.state;
  const strategy = chosenStrategy(s, f);
  const stamp = new Date().toISOString().slice(5, 16).replace(/[-T:]/g, '');
  const what =
    type === 'NodeImageOnly'
      ? 'images'
      : `${type === 'Full' ? 'full' : 'cp'}-${(version ?? '').replace(/\./g, '-')}`;
  return {
    fleet: f.at,
    ...(strategy ? { strategy } : {}),
    type,
    ...(type !== 'NodeImageOnly' && version ? { kubernetesVersion: version } : {}),
    nodeImage,
    name: `${what}-${stamp}`,
  };
}

export async function plan(s: Session, port: FleetPort): Promise<void> {
  const request = requestOf(s);
  if (!request) return;
  const lines: string[] = [];
  s.ctx.show({ plan: undefined, progress: [], result: undefined });
  const planned = await s.ctx.busy(() =>
    port.plan(s.ctx.connection, s.ctx.mode, request, (line) => {
      lines.push(line);
      s.ctx.show({ progress: [...lines] });
    }),
  );
  s.set({ planned: { request, plan: planned } });
  const how = request.strategy
    ? `strategy ${request.strategy.name}`
    : 'no strategy: one member after the other';
  s.ctx.show({
    progress: undefined,
    plan: [
      `Update run ${request.name} on fleet ${request.fleet.name}, ${how}:`,
      ...planLines(planned),
    ],
    result: ['Planned; nothing has started. s starts it (the fleet name is asked).'],
  });
}
