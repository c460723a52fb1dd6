// Validators of published schemas, as a reader of our outputs would run them: Ajv for JSON Schema
// (draft 2020-12 for our own schemas, draft-04 for SARIF's) and libxml2's xmllint (compiled to
// WebAssembly) for XML Schema.
import { readFileSync } from 'node:fs';
import ajv2020 from 'ajv/dist/2020.js';
import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { validateXML } from 'xmllint-wasm';

/** Checks a value against a JSON Schema; the errors as lines (none when valid). */
export type JsonCheck = (value: unknown) => string[];

function checker(ajv: InstanceType<typeof ajv2020.default>, schema: object): JsonCheck {
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (value) =>
    validate(value)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** A draft 2020-12 JSON Schema file (ours), compiled in strict mode. */
export function jsonSchema2020(file: URL): JsonCheck {
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  return checker(new ajv2020.default({ allErrors: true, strict: true }), schema);
}

/** SARIF 2.1.0's own JSON Schema (draft-04), as OASIS publishes it. */
export function sarifSchema(): JsonCheck {
  const file = new URL('../fixtures/ci-schemas/sarif-schema-2.1.0.json', import.meta.url);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  // Not strict: the published schema uses keywords Ajv's strict mode frowns on (e.g. bare `id`).
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false });
  return checker(ajv, schema);
}

/** Validates XML against an XSD file with libxml2; the errors as lines (none when valid). */
export async function xmlAgainstXsd(xml: string, xsd: URL): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [readFileSync(xsd, 'utf8')],
  });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}

/** The Jenkins xUnit plugin's JUnit schema (junit-10.xsd), the one CI servers read JUnit by. */
export const JUNIT_XSD = new URL('../fixtures/ci-schemas/junit-10.xsd', import.meta.url);
