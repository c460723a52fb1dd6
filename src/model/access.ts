/** One thing the operator might do, in the API server's terms. */
export interface AccessQuestion {
  verb: string;
  resource: string;
  /** API group; '' (core) when absent. */
  group?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

/** The API server's answer to "may I?", for the operator's own identity. */
export interface AccessAnswer {
  allowed: boolean;
  /** The authorizer's reason, or why the question could not be asked. */
  reason?: string;
}
