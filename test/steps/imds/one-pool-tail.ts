import { IMAGES, REGION_VERSIONS } from '../../../src/sim/scenarios/versions.js';

/**
 * The end of a one-cluster scenario's cluster.yaml for the imds tests: one Ubuntu system pool on
 * 1.31.8, the region's versions, the operator in group `ops`, and the usual clock speed.
 */
export const ONE_SYSTEM_POOL = `  pools:
    - name: system
      mode: System
      count: 1
      orchestratorVersion: 1.31.8
      nodeImageVersion: ${IMAGES.ubuntu}
      latestNodeImageVersion: ${IMAGES.ubuntuLatest}
${REGION_VERSIONS}operator:
  user: op@contoso.com
  groups: [ops]
clockSpeed: 600
`;
