import { BlockList, isIP } from 'node:net';

/** The environment variables a proxy choice reads (process.env in the program). */
export type ProxyEnv = Readonly<Record<string, string | undefined>>;

/**
 * The proxy a request to `target` goes through, or undefined for a direct connection, decided as
 * Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy) decides it, which kubectl and
 * Azure's Go tools follow: HTTPS_PROXY for https, HTTP_PROXY for http (upper case first, then
 * lower); localhost and loopback addresses never proxied; NO_PROXY entries `*`, an IP, a CIDR, or a
 * domain (`example.com` matches it and its subdomains, `.example.com` only subdomains), each with
 * an optional `:port`. A proxy written without a scheme is http://.
 */
export function proxyFromEnv(target: URL, env: ProxyEnv): URL | undefined {
  const scheme = target.protocol.replace(/:$/, '');
  const raw =
    scheme === 'https'
      ? envAny(env, 'HTTPS_PROXY', 'https_proxy')
      : scheme === 'http'
        ? envAny(env, 'HTTP_PROXY', 'http_proxy')
        : undefined;
  if (!raw) return undefined;
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (scheme === 'https' ? '443' : '80');
  if (isLoopback(host) || bypassed(host, port, envAny(env, 'NO_PROXY', 'no_proxy') ?? '')) {
    return undefined;
  }
  return proxyUrl(raw);
}

function envAny(env: ProxyEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/** `localhost`, 127.0.0.0/8 and ::1 (Go's useProxy refuses them whatever NO_PROXY says). */
function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  const family = isIP(host);
  if (family === 4) return host.startsWith('127.');
  if (family === 6) {
    const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    if (v4) return v4[1]!.startsWith('127.');
    const list = new BlockList();
    list.addAddress('::1', 'ipv6');
    return list.check(host, 'ipv6');
  }
  return false;
}

function bypassed(host: string, port: string, noProxy: string): boolean {
  const family = isIP(host);
  for (const entry of noProxy.split(',').map((e) => e.trim().toLowerCase())) {
    if (!entry) continue;
    if (entry === '*') return true;
    const cidr = /^(.+)\/(\d+)$/.exec(entry);
    if (cidr) {
      const net = cidr[1]!;
      const netFamily = isIP(net);
      if (netFamily && family === netFamily) {
        const type = netFamily === 4 ? 'ipv4' : 'ipv6';
        const list = new BlockList();
        list.addSubnet(net, Number(cidr[2]), type);
        if (list.check(host, type)) return true;
      }
      continue;
    }
    if (isIP(entry.replace(/^\[|\]$/g, ''))) {
      if (family && sameIp(entry.replace(/^\[|\]$/g, ''), host)) return true;
      continue;
    }
    // host[:port], `*.` read as `.`, as Go does.
    const withPort = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[(.*)\](:\d+)?$/, '$1$2'))!;
    let name = withPort[1]!;
    const entryPort = withPort[2];
    if (isIP(name)) {
      if (family && sameIp(name, host) && (!entryPort || entryPort === port)) return true;
      continue;
    }
    if (name.startsWith('*.')) name = name.slice(1);
    const matches = name.startsWith('.')
      ? host.endsWith(name)
      : host === name || host.endsWith(`.${name}`);
    if (matches && (!entryPort || entryPort === port)) return true;
  }
  return false;
}

function sameIp(a: string, b: string): boolean {
  const family = isIP(a);
  if (family !== isIP(b)) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const list = new BlockList();
  list.addAddress(a, type);
  return list.check(b, type);
}

function proxyUrl(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    if (/^(https?|socks5h?):$/.test(url.protocol) && url.hostname) return url;
  } catch {
    // Not a URL with a scheme: Go then reads it as http://.
  }
  try {
    return new URL(`http://${raw}`);
  } catch {
    return undefined;
  }
}
