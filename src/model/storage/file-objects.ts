// secrets → Secrets and configs → ConfigMaps, each mounted as one file where compose puts it:
// secrets at /run/secrets/<target or name>, configs at <target> (default /<name>), with `mode`.
// Sources: `file` (read through the Host), `environment` (a variable's value), `content` (configs),
// `external` (an existing object referenced by name, never invented). A secret's value goes into the
// Secret and nowhere else: messages name secrets and files, never what they hold.

import * as posixPath from 'node:path/posix';
import type { ComposeService, ServiceSecretRef } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { toDns1123Label, uniqueName } from '../base/names';
import { displayPath } from '../base/paths';
import { isText, toObjectKey, tooLargeForObject, type ProjectObjects } from '../base/objects';
import type { PodVolume, VolumeMount } from '../base/plan';

type Kind = 'secrets' | 'configs';

const KIND = {
  secrets: { object: 'Secret', what: 'secret', dir: '/run/secrets', create: 'kubectl create secret generic' },
  configs: { object: 'ConfigMap', what: 'config', dir: '/', create: 'kubectl create configmap' },
} as const;

export interface FileMounts {
  readonly volumes: readonly PodVolume[];
  readonly mounts: readonly VolumeMount[];
}

export function fileObjectsOf(service: ComposeService, ctx: PlanContext, objects: ProjectObjects): FileMounts {
  const volumes: PodVolume[] = [];
  const mounts: VolumeMount[] = [];
  for (const kind of ['secrets', 'configs'] as const) {
    (service[kind] ?? []).forEach((ref, i) => {
      const path = ctx.servicePath(service, kind, i);
      const object = objectFor(kind, ref.source, ctx, objects);
      if (!object) return;
      const mode = modeAt(ref.mode, `${path}.mode`, ctx);
      if (ref.uid !== undefined || ref.gid !== undefined) {
        ctx.diags.warn('file-owner', `uid/gid of ${KIND[kind].what} "${ref.source}" are not converted: Kubernetes sets file ownership per pod (securityContext.fsGroup), not per file`, {
          ...ctx.at(path),
          hint: 'make the file readable with mode:, or set the pod\'s fsGroup',
        });
      }
      const target = targetOf(kind, ref);
      // One volume per object and mode: the same secret mounted twice with two modes needs two.
      const items = [{ key: object.key, path: object.key, ...(mode !== undefined ? { mode } : {}) }];
      const source: PodVolume['source'] = kind === 'secrets' ? { kind: 'secret', secretName: object.name, items } : { kind: 'configMap', configMapName: object.name, items };
      const volume = uniqueName(toDns1123Label(`${KIND[kind].what}-${ref.source}`), (name) => volumes.some((v) => v.name === name && JSON.stringify(v.source) !== JSON.stringify(source)));
      if (!volumes.some((v) => v.name === volume)) volumes.push({ name: volume, source });
      mounts.push({ name: volume, mountPath: target, subPath: object.key, readOnly: true });
    });
  }
  return { volumes, mounts };
}

/** Compose's target rules: a secret's relative target is under /run/secrets; a config's under /. */
export function targetOf(kind: Kind, ref: ServiceSecretRef): string {
  const target = ref.target ?? ref.source;
  return posixPath.isAbsolute(target) ? target : posixPath.join(KIND[kind].dir, target);
}

/** The object holding a top-level secret or config, created once; undefined when there is none to mount. */
function objectFor(kind: Kind, source: string, ctx: PlanContext, objects: ProjectObjects): { name: string; key: string } | undefined {
  const { object, what, create } = KIND[kind];
  const key = toObjectKey(source);
  const origin = `${what}:${source}`;
  const made = kind === 'secrets' ? objects.secrets.get(origin) : objects.configMaps.get(origin);
  if (made) return { name: made.metadata.name, key };
  const def = ctx.project[kind][source] ?? {};
  const defPath = `${kind}.${source}`;
  const at = ctx.at(ctx.project.sourceMap.exact(defPath) ? defPath : kind);
  const external = (name: string, why: string) => {
    ctx.diags.warn(`external-${what}`, `${what} "${source}" ${why}: the ${object} "${name}" (key "${key}") is referenced, not created`, {
      ...at,
      hint: `create it before applying: ${create} ${name} --from-file=${key}=PATH`,
    });
    return { name, key };
  };
  if (def.external === true) return external(toDns1123Label(typeof def.name === 'string' ? def.name : source), 'is external');

  let value: string | undefined;
  if (typeof def.file === 'string') {
    const file = posixPath.resolve(ctx.project.workingDir, def.file);
    const shown = displayPath(file, ctx.project.workingDir);
    value = ctx.host.readFile(file);
    if (value === undefined) {
      ctx.diags.error(`${what}-file-missing`, `file ${shown} of ${what} "${source}" not found`, { ...ctx.at(`${defPath}.file`), hint: 'create it, or correct the path' });
      return undefined;
    }
    if (!isText(value)) return external(toDns1123Label(source), `is held in ${shown}, which is not UTF-8 text`);
  } else if (typeof def.environment === 'string') {
    value = ctx.project.environment?.[def.environment];
    if (value === undefined) return external(toDns1123Label(source), `comes from the variable ${def.environment}, which is not set where compose2k8s runs`);
  } else if (kind === 'configs' && typeof def.content === 'string') {
    value = def.content;
  } else {
    ctx.diags.error('invalid-value', `${what} "${source}" needs one of file, environment${kind === 'configs' ? ', content' : ''} or external`, at);
    return undefined;
  }
  const tooLarge = tooLargeForObject({ [key]: value }, object, `${what} "${source}"`);
  if (tooLarge) {
    ctx.diags.warn(`${what}-too-large`, `${tooLarge}; it is not mounted`, { ...at, hint: 'COPY the file into the image in its Dockerfile, or put it on a volume' });
    return undefined;
  }
  const name = ctx.names.claim(object, toDns1123Label(source), `${what} "${source}"`, at);
  const metadata = { name, labels: ctx.objectLabels() };
  if (kind === 'secrets') objects.secrets.set(origin, { metadata, stringData: { [key]: value }, origin: at.path });
  else objects.configMaps.set(origin, { metadata, data: { [key]: value }, origin: at.path });
  return { name, key };
}

/**
 * A file mode as compose reads it: `0440` is octal (YAML 1.1, as compose-go reads it), so is the
 * string "0440"; `0o440` and plain decimals are what they say. Our YAML parser reads `0440` as
 * decimal 440, so the source text decides.
 */
function modeAt(value: unknown, path: string, ctx: PlanContext): number | undefined {
  if (value === undefined || value === null) return undefined;
  let mode: number | undefined;
  if (typeof value === 'string' && /^(0o?)?[0-7]+$/.test(value.trim())) mode = parseInt(value.trim().replace(/^0o/, ''), 8);
  else if (typeof value === 'number' && Number.isInteger(value)) {
    const pos = ctx.project.sourceMap.exact(path);
    const line = pos ? ctx.project.sources.get(pos.file)?.split(/\r?\n/)[pos.line - 1] : undefined;
    const text = line?.slice(pos!.col - 1).match(/^["']?([0-9]+)/)?.[1];
    mode = text && /^0[0-7]+$/.test(text) ? parseInt(text, 8) : value;
  }
  if (mode === undefined || mode < 0 || mode > 0o777) {
    ctx.diags.error('invalid-value', `mode ${JSON.stringify(value)} is not a file mode`, { ...ctx.at(path), hint: 'write it in octal, e.g. mode: 0440' });
    return undefined;
  }
  return mode;
}

/** The top-level secret whose `file:` is `file` (absolute), if any: such a file never goes into a ConfigMap. */
export function secretOfFile(file: string, ctx: PlanContext): string | undefined {
  return Object.entries(ctx.project.secrets).find(([, def]) => typeof def.file === 'string' && posixPath.resolve(ctx.project.workingDir, def.file) === file)?.[0];
}
