/** The Azure clouds the tool can target, by the names the Azure CLI uses. */
export const CLOUD_NAMES = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;
export type CloudName = (typeof CLOUD_NAMES)[number];

/** Where ARM lives in a cloud, and the token scope that goes with it (the SDK does not derive it). */
export interface CloudEndpoints {
  armEndpoint: string;
  armScope: string;
  authorityHost: string;
  /** Microsoft Graph of this cloud (directory names), and its token scope. */
  graphEndpoint: string;
  graphScope: string;
}

const CLOUDS: Record<CloudName, CloudEndpoints> = {
  AzureCloud: {
    armEndpoint: 'https://management.azure.com',
    armScope: 'https://management.azure.com/.default',
    authorityHost: 'https://login.microsoftonline.com',
    graphEndpoint: 'https://graph.microsoft.com',
    graphScope: 'https://graph.microsoft.com/.default',
  },
  AzureUSGovernment: {
    armEndpoint: 'https://management.usgovcloudapi.net',
    armScope: 'https://management.usgovcloudapi.net/.default',
    authorityHost: 'https://login.microsoftonline.us',
    graphEndpoint: 'https://graph.microsoft.us',
    graphScope: 'https://graph.microsoft.us/.default',
  },
  AzureChinaCloud: {
    armEndpoint: 'https://management.chinacloudapi.cn',
    armScope: 'https://management.chinacloudapi.cn/.default',
    authorityHost: 'https://login.chinacloudapi.cn',
    graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn',
    graphScope: 'https://microsoftgraph.chinacloudapi.cn/.default',
  },
};

/** The ARM endpoint, token scope, login host and Graph endpoint of a cloud. */
export function cloudEndpoints(name: CloudName): CloudEndpoints {
  return CLOUDS[name];
}

/**
 * The Entra ID application every AKS-managed Entra cluster accepts tokens for (what kubelogin asks
 * for). A token for this scope is a valid Kubernetes bearer token on such clusters.
 */
export const AKS_SERVER_APP_SCOPE = '6dae42f8-4368-4678-94ff-3960e28e3630/.default';
