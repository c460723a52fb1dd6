import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ManagedCluster } from '@azure/arm-containerservice';

/**
 * The official `ManagedClustersGet` example from `../shared/fixtures/azure-examples` (a sibling
 * of the repository), flattened the way the SDK flattens `properties`. Fails plainly if absent.
 */
export function officialManagedCluster(): ManagedCluster {
  const file = fileURLToPath(
    new URL('../../../shared/fixtures/azure-examples/ManagedClustersGet.json', import.meta.url),
  );
  if (!existsSync(file)) {
    throw new Error(
      `The official Azure example ${file} is missing: these tests read it from ../shared next to the repository.`,
    );
  }
  const example = JSON.parse(readFileSync(file, 'utf8')) as {
    responses: { '200': { body: { properties: Record<string, unknown> } } };
  };
  const { properties, ...resource } = example.responses['200'].body;
  return { ...resource, ...properties } as ManagedCluster;
}
