// The api-versions Microsoft.ContainerService serves for managed clusters, as the REST API specs
// publish them (stable/<version>/managedClusters.json in Azure/azure-rest-api-specs; older ones
// from the generated Bicep types). Preview versions are the monthly `-preview` releases.
import type { SimRequest, SimResponse } from '../http.js';
import { armError } from '../server.js';

const STABLE = [
  '2017-08-31',
  '2018-03-31',
  '2019-02-01',
  '2019-04-01',
  '2019-06-01',
  '2019-08-01',
  '2019-10-01',
  '2019-11-01',
  '2020-01-01',
  '2020-02-01',
  '2020-03-01',
  '2020-04-01',
  '2020-06-01',
  '2020-07-01',
  '2020-09-01',
  '2020-11-01',
  '2020-12-01',
  '2021-02-01',
  '2021-03-01',
  '2021-05-01',
  '2021-07-01',
  '2021-08-01',
  '2021-09-01',
  '2021-10-01',
  '2022-01-01',
  '2022-02-01',
  '2022-03-01',
  '2022-04-01',
  '2022-06-01',
  '2022-07-01',
  '2022-09-01',
  '2022-11-01',
  ...months(2023, 1, 11),
  '2024-01-01',
  '2024-02-01',
  '2024-03-01',
  '2024-05-01',
  '2024-07-01',
  '2024-08-01',
  '2024-09-01',
  '2024-10-01',
  ...months(2025, 1, 10),
  ...months(2026, 1, 8),
];

const OLD_PREVIEWS = [
  '2018-08-01-preview',
  '2018-09-30-preview',
  '2019-09-30-preview',
  '2019-10-27-preview',
  '2021-11-01-preview',
];

function months(year: number, from: number, to: number): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m++) out.push(`${year}-${String(m).padStart(2, '0')}-01`);
  return out;
}

/** A resource provider's api-versions: which it serves, and ARM's refusal of the others. */
export interface ApiVersions {
  serves(apiVersion: string): boolean;
  /** 400 InvalidApiVersionParameter, listing the supported versions newest first. */
  refuse(apiVersion: string): SimResponse;
}

/** The versions a provider serves: `stable` listed, plus any `preview` accepts. */
export function apiVersions(
  stable: string[],
  preview: (v: string) => boolean = () => false,
): ApiVersions {
  const listed = [...stable].reverse().join(',');
  return {
    serves: (v) => stable.includes(v) || preview(v),
    refuse: (v) =>
      armError(
        400,
        'InvalidApiVersionParameter',
        `The api-version '${v}' is invalid. The supported versions are '${listed}'.`,
      ),
  };
}

/** Microsoft.ContainerService (managed clusters, agent pools, their operations). */
export const AKS_API_VERSIONS = apiVersions(
  STABLE,
  (v) => OLD_PREVIEWS.includes(v) || /^202[2-6]-(0[1-9]|1[0-2])-0[1-3]-preview$/.test(v),
);

/** Microsoft.Authorization/permissions. */
export const AUTHORIZATION_API_VERSIONS = apiVersions(
  ['2015-07-01', '2022-04-01'],
  (v) => v === '2018-01-01-preview' || v === '2022-05-01-preview',
);

/**
 * ARM's first front-door check: 400 MissingApiVersionParameter without an api-version, 400
 * InvalidApiVersionParameter for one the provider does not serve; undefined to go on.
 */
export function apiVersionRefusal(req: SimRequest, versions: ApiVersions): SimResponse | undefined {
  const apiVersion = req.query.get('api-version');
  if (!apiVersion)
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  return versions.serves(apiVersion) ? undefined : versions.refuse(apiVersion);
}
