// labels, label_file and annotations → annotations on the workload and its pods (compose labels
// are free-form metadata, often longer than a Kubernetes label value may be); deploy.labels →
// labels on the workload object only, as Swarm puts them on the service, not its containers.

import * as posixPath from 'node:path/posix';
import { DotenvError, parseDotenv } from '../../compose/dotenv';
import { isRecord } from '../../common/records';
import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { annotationKeyProblem, LIMITS, qualifiedNameProblem } from '../base/kube-rules';
import { toLabelValue } from '../base/names';
import type { Labels } from '../base/plan';

/** A valid qualified name (`[prefix/]name`) for a label or annotation key, as close to `key` as possible. */
export function toQualifiedName(key: string): string {
  const slash = key.lastIndexOf('/');
  const rawPrefix = slash < 0 ? '' : key.slice(0, slash);
  const rawName = slash < 0 ? key : key.slice(slash + 1);
  const name = rawName.replace(/[^-A-Za-z0-9_.]+/g, '-').slice(0, LIMITS.dnsLabelChars).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '') || 'x';
  const prefix = rawPrefix.toLowerCase().replace(/[^-a-z0-9.]+/g, '-').replace(/\.{2,}/g, '.').replace(/(^|\.)-+|-+($|\.)/g, '$1$2').replace(/^\.+|\.+$/g, '').slice(0, LIMITS.dnsSubdomainChars);
  return prefix ? `${prefix}/${name}` : name;
}

export function isQualifiedName(key: string): boolean {
  return qualifiedNameProblem(key) === undefined;
}

const size = (s: string) => Buffer.byteLength(s, 'utf8');

export interface ServiceMetadata {
  /** On the workload and on its pod template. */
  readonly annotations?: Labels;
  /** deploy.labels: on the workload only. */
  readonly labels?: Labels;
}

export function metadataOf(service: ComposeService, ctx: PlanContext): ServiceMetadata {
  const annotations: Record<string, string> = {};
  let annotationTotal = 0;
  const put = (out: Record<string, string>, key: string, value: string, path: string, what: string) => {
    const valid = out === annotations ? !annotationKeyProblem(key) : isQualifiedName(key);
    const k = valid ? key : toQualifiedName(key);
    if (k !== key) {
      ctx.diags.warn('invalid-metadata-key', `${what} key "${key}" is not a valid Kubernetes key; written as "${k}"`, {
        ...ctx.at(path),
        hint: 'keys are [prefix/]name: name ≤ 63 characters of letters, digits, "-", "_", "." (prefix a DNS subdomain)',
      });
    }
    if (out === annotations) {
      // ValidateAnnotationsSize: an object's annotations hold at most 256 KiB, keys and values together.
      const total = annotationTotal - (k in out ? size(k) + size(out[k]) : 0) + size(k) + size(value);
      if (total > LIMITS.annotationBytes) {
        ctx.diags.warn('annotations-too-large', `${what} "${key}" is left out: with it the annotations would hold ${total.toLocaleString('en-US')} bytes, over the ${LIMITS.annotationBytes.toLocaleString('en-US')} the API server allows`, {
          ...ctx.at(path),
          hint: 'keep large values in a config file (configs:) instead of labels',
        });
        return;
      }
      annotationTotal = total;
    }
    out[k] = value;
  };
  for (const [key, value] of labelFileEntries(service, ctx)) put(annotations, key, value, ctx.servicePath(service, 'label_file'), 'label');
  for (const [key, value] of Object.entries(service.labels ?? {})) put(annotations, key, value, ctx.servicePath(service, 'labels', key), 'label');
  for (const [key, value] of Object.entries((service.annotations as Record<string, string> | undefined) ?? {})) put(annotations, key, value, ctx.servicePath(service, 'annotations', key), 'annotation');

  const labels: Record<string, string> = {};
  // A mapping: the loader made a KEY=value list one (merge-rules.ts SHAPES).
  const deployLabels = service.deploy?.labels;
  const entries: [string, unknown][] = isRecord(deployLabels) ? Object.entries(deployLabels) : [];
  const own = new Set(Object.keys(ctx.objectLabels(service.name)));
  for (const [key, raw] of entries) {
    const path = ctx.servicePath(service, 'deploy', 'labels', key);
    const value = String(raw ?? '');
    if (own.has(key)) {
      ctx.diags.warn('reserved-label', `deploy label "${key}" is set by compose2k8s itself (it selects the pods); left out`, ctx.at(path));
      continue;
    }
    const v = toLabelValue(value);
    if (v !== value) ctx.diags.warn('invalid-label-value', `deploy label "${key}" has a value Kubernetes does not accept in labels; written as "${v}"`, { ...ctx.at(path), hint: 'label values are ≤ 63 characters of letters, digits, "-", "_", "."; use annotations: for free text' });
    put(labels, key, v, path, 'deploy label');
  }
  return { ...(Object.keys(annotations).length ? { annotations } : {}), ...(Object.keys(labels).length ? { labels } : {}) };
}

/** label_file: a list of paths (one path was made a list by SHAPES), in dotenv syntax; later files win, and `labels:` wins over them all. */
function labelFileEntries(service: ComposeService, ctx: PlanContext): [string, string][] {
  const files = Array.isArray(service.label_file) ? service.label_file.map(String) : [];
  const out = new Map<string, string>();
  files.forEach((f, i) => {
    const file = posixPath.resolve(ctx.project.workingDir, f);
    const path = ctx.servicePath(service, 'label_file', i);
    const text = ctx.host.readFile(file);
    if (text === undefined) {
      ctx.diags.error('label-file-missing', `label file ${f} not found`, { ...ctx.at(path), hint: 'create it, or remove it from label_file:' });
      return;
    }
    try {
      for (const e of parseDotenv(text)) out.set(e.key, e.value);
    } catch (e) {
      if (!(e instanceof DotenvError)) throw e;
      ctx.diags.error('label-file-syntax', e.message, { pos: { file, line: e.line, col: e.col } });
    }
  });
  return [...out];
}
