// The L1 classes the chart makes, each with a cheaper toJson(): the same JSON, built by
// plainApiObjectJson() in one walk where cdk8s's ApiObject.toJson() copies the props twice (see
// plain-json.ts). They are the L1 classes still (`instanceof k8s.KubeDeployment` holds), so a cdk8s
// app that embeds the ComposeChart, adds resolvers or JSON patches, gets what cdk8s would make.

import type { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { k8s } from './k8s';
import { plainApiObjectJson } from './plain-json';

/** What every generated L1 class has: a constructor, and `manifest(props)` = its toJson() of resolved props. */
type L1Class<P> = { new (scope: Construct, id: string, props: P): ApiObject; manifest(props: P): unknown };

/** `Base` whose toJson() is Base.manifest(plain JSON) whenever the object holds plain data only. */
function withPlainJson<P, C extends L1Class<P>>(Base: C & L1Class<P>): C {
  const Fast = class extends (Base as L1Class<P>) {
    override toJson(): any {
      const resolved = plainApiObjectJson(this);
      // Base.manifest(resolved) is what Base's toJson() returns for the props cdk8s resolved.
      return resolved === undefined ? super.toJson() : Base.manifest(resolved as P);
    }
  };
  return Fast as unknown as C;
}

export const KubeNamespace = withPlainJson(k8s.KubeNamespace);
export const KubeSecret = withPlainJson(k8s.KubeSecret);
export const KubeConfigMap = withPlainJson(k8s.KubeConfigMap);
export const KubePersistentVolumeClaim = withPlainJson(k8s.KubePersistentVolumeClaim);
export const KubeService = withPlainJson(k8s.KubeService);
export const KubeServiceAccount = withPlainJson(k8s.KubeServiceAccount);
export const KubeRole = withPlainJson(k8s.KubeRole);
export const KubeRoleBinding = withPlainJson(k8s.KubeRoleBinding);
export const KubeDeployment = withPlainJson(k8s.KubeDeployment);
export const KubeStatefulSet = withPlainJson(k8s.KubeStatefulSet);
export const KubeDaemonSet = withPlainJson(k8s.KubeDaemonSet);
export const KubeJob = withPlainJson(k8s.KubeJob);
export const KubeNetworkPolicy = withPlainJson(k8s.KubeNetworkPolicy);
export const KubeIngress = withPlainJson(k8s.KubeIngress);
export const KubeHorizontalPodAutoscalerV2 = withPlainJson(k8s.KubeHorizontalPodAutoscalerV2);
export const KubePodDisruptionBudget = withPlainJson(k8s.KubePodDisruptionBudget);
