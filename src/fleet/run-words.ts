import type { UpdateRun } from '@azure/arm-containerservicefleet';

/** The upgrade in words: `Full upgrade to 1.31.8, node image Latest`, `node image upgrade (Latest)`. */
export function updateWords(type: string, version: string | undefined, nodeImage: string): string {
  return type === 'NodeImageOnly'
    ? `node image upgrade (${nodeImage})`
    : `${type} upgrade to ${version ?? '?'}, node image ${nodeImage}`;
}

/** The upgrade an existing run was created for, in the words of `updateWords`. */
export function runUpdateWords(run: UpdateRun): string {
  const update = run.properties?.managedClusterUpdate;
  return updateWords(
    update?.upgrade.type ?? '?',
    update?.upgrade.kubernetesVersion,
    update?.nodeImageSelection?.type ?? 'Latest',
  );
}
