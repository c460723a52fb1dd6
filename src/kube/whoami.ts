import { AuthenticationV1Api, type KubeConfig } from '@kubernetes/client-node';

/**
 * The user name the API server authenticates us as (SelfSubjectReview, `kubectl auth whoami`);
 * undefined where the API is not served (before Kubernetes 1.28) or the answer names nobody.
 */
export async function whoAmI(kc: KubeConfig): Promise<string | undefined> {
  const review = await kc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
    body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
  });
  return review.status?.userInfo?.username || undefined;
}
