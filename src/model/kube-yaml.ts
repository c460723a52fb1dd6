import { Document, visit } from 'yaml';

// kubectl reads YAML with sigs.k8s.io/yaml, which decodes with go-yaml v2 (YAML 1.1) and then
// turns the result into JSON. A plain `yes`, `on`, `n`, `~`, `0o17` or `1e3` there is a boolean,
// null or number, not the string that was written: a label value `yes` would be sent as `true`
// (which the API server refuses) and a label key `on` as `"true"`. The `yaml` package quotes what
// YAML 1.1 would read otherwise when asked for version 1.1; go-yaml v2's own resolver (resolve.go)
// also reads Go's integer forms (strconv.ParseInt with base 0: `0o17`, `0X1F`, underscores
// dropped first) and the merge key `<<`, so those are quoted too, from its table rather than
// trusting one schema to match the other.

const GO_YAML_V2_WORDS = new Set([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE'],
  ...['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE'],
  ...['', '~', 'null', 'Null', 'NULL', '<<'],
  ...['.nan', '.NaN', '.NAN'],
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF'],
]);

/** Go's strconv.ParseInt / ParseUint with base 0, once go-yaml v2 has dropped every `_`. */
const GO_INTEGER = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** go-yaml v2's yamlStyleFloat. */
const GO_YAML_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** Whether go-yaml v2 reads this text, written plain, as anything but that string. */
export function goYamlV2NotString(text: string): boolean {
  if (GO_YAML_V2_WORDS.has(text)) return true;
  const plain = text.replace(/_/g, '');
  return GO_INTEGER.test(plain) || GO_YAML_FLOAT.test(plain);
}

/**
 * YAML for the operator to hand to kubectl (`kubectl apply -f`, `kubectl patch`): every string
 * stays a string when go-yaml v2 (YAML 1.1) reads it, keys too.
 */
export function kubeYaml(value: unknown): string {
  const doc = new Document(value, { version: '1.1' });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !goYamlV2NotString(node.value)) return;
      node.type = 'QUOTE_DOUBLE';
      // The package prints `<<` plain (YAML 1.1's merge key) whatever the style: tag it a string.
      if (node.value === '<<') node.tag = 'tag:yaml.org,2002:str';
    },
  });
  return doc.toString();
}
