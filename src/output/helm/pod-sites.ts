// The sites of a pod template (images, the main container's resources and extra env, scheduling,
// pull secrets) and of claims (a PersistentVolumeClaim's or a StatefulSet's claim templates).

import type { Manifest } from '../../kube/manifest';
import { appendList, dictLiteral, scalar, type Path } from './render';
import { getIn, splitImage, valuesRef } from './values';
import { blockValue, metadataSites, optionalValue, valueScalar, type Owner, type ValueSite } from './value-sites';

type Obj = Record<string, unknown>;

/** The pod template: images, the main container's resources and extra env, scheduling, pull secrets. */
export function podSites(m: Manifest, owner: Owner): ValueSite[] {
  const at = ['spec', 'template', 'spec'];
  const pod = (getIn(m, at) ?? {}) as Obj;
  const sites: ValueSite[] = [];
  ((pod.containers as Obj[]) ?? []).forEach((c, i) => {
    const key = owner.containers?.get(String(c.name));
    const path = [...at, 'containers', i];
    if (key === undefined) {
      sites.push(literalImage([...path, 'image'], String(c.image), owner.chart));
      return;
    }
    const image = [key, 'image'];
    sites.push({ path: [...path, 'image'], values: image, render: scalar(`include "${owner.chart}.image" (dict "context" $ "image" ${valuesRef(image)})`, 'string'), read: (x) => splitImage(String(getIn(x, [...path, 'image']))) });
    sites.push(optionalValue([...path, 'imagePullPolicy'], image, 'pullPolicy', 'string'));
    if (i === 0 && owner.key !== undefined) sites.push(...mainContainerSites(c, path, owner.key));
  });
  ((pod.initContainers as Obj[]) ?? []).forEach((c, i) => sites.push(literalImage([...at, 'initContainers', i, 'image'], String(c.image), owner.chart)));
  if (owner.key !== undefined) {
    sites.push(blockValue([...at, 'nodeSelector'], [owner.key, 'nodeSelector'], {}));
    sites.push(blockValue([...at, 'tolerations'], [owner.key, 'tolerations'], []));
    sites.push(blockValue([...at, 'affinity'], [owner.key, 'affinity'], {}));
  }
  const secrets = valuesRef(['global', 'imagePullSecrets']);
  const pullSecretLines = (indent: string) => [`${indent}{{- range ${secrets} }}`, `${indent}- name: {{ . | quote }}`, `${indent}{{- end }}`];
  const literal = (pod.imagePullSecrets as unknown[]) ?? [];
  sites.push({ path: [...at, 'imagePullSecrets'], render: appendList(literal, pullSecretLines, secrets), normal: (x) => getIn(x, [...at, 'imagePullSecrets']) });
  return sites;
}

/** The main container: its resources, and extra env after the compose file's. */
function mainContainerSites(c: Obj, path: Path, key: string): ValueSite[] {
  const env = [key, 'env'];
  const envLines = (indent: string) => [
    `${indent}{{- range $name, $value := ${valuesRef(env)} }}`,
    `${indent}- name: {{ $name | quote }}`,
    `${indent}  value: {{ $value | quote }}`,
    `${indent}{{- end }}`,
  ];
  return [
    blockValue([...path, 'resources'], [key, 'resources'], {}),
    // The compose file's env stays literal; env values add to it (read as none: no environment sets any).
    { path: [...path, 'env'], values: env, render: appendList((c.env as unknown[]) ?? [], envLines, valuesRef(env)), read: () => ({}), normal: (x) => getIn(x, [...path, 'env']) },
  ];
}

/** An image no service's values hold (an init container's): literal parts, but global.imageRegistry applies. */
function literalImage(path: Path, image: string, chart: string): ValueSite {
  const parts = splitImage(image);
  const dict = dictLiteral(Object.fromEntries(Object.entries(parts).filter(([, v]) => v !== undefined)) as Record<string, string>);
  return { path, render: scalar(`include "${chart}.image" (dict "context" $ "image" ${dict})`, 'string'), normal: (x) => getIn(x, path) };
}

/** A claim's size and storage class: a PersistentVolumeClaim's spec or a claim template's. */
export function claimSites(spec: Path, values: readonly string[]): ValueSite[] {
  return [valueScalar([...spec, 'resources', 'requests', 'storage'], [...values, 'size'], 'string'), optionalValue([...spec, 'storageClassName'], values, 'storageClass', 'string')];
}

/** A StatefulSet's claim templates: labels as claims', and each claim's size and class under the service. */
export function claimTemplateSites(m: Manifest, svc: readonly string[], owner: Owner): ValueSite[] {
  const templates = (getIn(m, ['spec', 'volumeClaimTemplates']) as Manifest[]) ?? [];
  return templates.flatMap((t, i) => [
    ...metadataSites(m, ['spec', 'volumeClaimTemplates', i, 'metadata'], owner, 'claimLabels', false),
    ...claimSites(['spec', 'volumeClaimTemplates', i, 'spec'], [...svc, 'persistence', t.metadata.name]),
  ]);
}

