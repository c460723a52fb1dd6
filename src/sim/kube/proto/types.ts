/**
 * One field of a Kubernetes protobuf message: number, JSON name ('' when the field's message is
 * inlined into its parent in JSON), type (a scalar or a message name such as `core.v1.PodSpec`),
 * flags and, optionally, patch/list notes (see schema.ts).
 */
export type ProtoField =
  [number, string, string, string] | [number, string, string, string, string];
