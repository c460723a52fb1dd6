/** How a request touched the world. */
export type RequestEffect = 'read' | 'write' | 'dry-run';

/** One line of the simulator's request log. */
export interface LoggedRequest {
  time: string;
  api: 'kube' | 'arm' | 'graph' | 'none';
  method: string;
  path: string;
  query: string;
  effect: RequestEffect;
  status: number;
  user?: string;
  /** When the request arrived and when its answer was ready (`performance.now()` of this process). */
  startMs?: number;
  endMs?: number;
  /** The `continue` token the answer handed out (the next page's request carries it). */
  continueOut?: string;
  /** How many entries a list's answer held (`items`, ARM's `value`, discovery's groups or resources). */
  listed?: number;
}

/** Every request the simulator received, in order; tests count writes with it. */
export class RequestLog {
  readonly entries: LoggedRequest[] = [];
  private readonly listeners = new Set<(entry: LoggedRequest) => void>();

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    for (const listener of this.listeners) listener(entry);
  }

  /** Calls `listener` for each new entry; returns the unsubscribe function. */
  subscribe(listener: (entry: LoggedRequest) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Requests that changed (or would have changed, without dry-run) something. */
  writes(): LoggedRequest[] {
    return this.entries.filter((e) => e.effect === 'write');
  }
}

/** Classifies a request: GET/HEAD read, `dryRun=All` dry-run, anything else a write. */
export function effectOf(
  method: string,
  query: URLSearchParams,
  api: LoggedRequest['api'],
): RequestEffect {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return 'read';
  if (api === 'kube' && query.getAll('dryRun').includes('All')) return 'dry-run';
  return 'write';
}

/** POSTs that only ask a question (access reviews, whoami, credential listings): they change nothing. */
const QUESTION_POSTS = [
  /\/selfsubjectaccessreviews$/i,
  /\/selfsubjectrulesreviews$/i,
  /\/subjectaccessreviews$/i,
  /\/selfsubjectreviews$/i,
  /\/listClusterUserCredential$/i,
  /\/listClusterAdminCredential$/i,
  // Microsoft Graph questions asked by POST (the simulator's $batch serves reads only).
  /^\/v1\.0\/directoryObjects\/getByIds$/i,
  /^\/v1\.0\/\$batch$/i,
  /\/checkMemberGroups$/i,
  /^\/providers\/Microsoft\.ResourceGraph\/resources$/i,
];

/** Classifies a request by its path too, so questions asked by POST count as reads. */
export function effectOfRequest(
  method: string,
  path: string,
  query: URLSearchParams,
  api: LoggedRequest['api'],
): RequestEffect {
  if (method.toUpperCase() === 'POST' && QUESTION_POSTS.some((re) => re.test(path))) return 'read';
  return effectOf(method, query, api);
}
