// The scenario module: schema-validated AKS descriptor plus Kubernetes YAML (see ./scenario/).
export {
  loadScenario,
  scenarioFromFiles,
  type AksDescriptor,
  type Scenario,
  type ScenarioFile,
} from './scenario/load.js';
export { ScenarioError } from './scenario/yaml-source.js';
export {
  DESCRIPTOR_API_VERSION,
  DESCRIPTOR_KIND,
  type PoolSpec,
  type KubernetesVersionSpec,
} from './scenario/schema.js';
