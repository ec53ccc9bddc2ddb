// env_file → one ConfigMap per file and `envFrom` on the container, in the files' order (Kubernetes,
// like compose, lets a later source win, and `env` — compose's `environment:` — win over all).

import * as posixPath from 'node:path/posix';
import { DotenvError, parseDotenv } from '../../compose/dotenv';
import type { ComposeService } from '../../compose/types';
import type { PlanContext } from '../base/context';
import { toDns1123Label } from '../base/names';
import { displayPath } from '../base/paths';
import { secretOfFile } from './file-objects';
import { configMapKeyProblem } from '../base/kube-rules';
import { isText, tooLargeForObject, type ProjectObjects } from '../base/objects';

export type EnvFromSource = { readonly configMapRef: { readonly name: string } };

/** Names that usually hold credentials; such values belong in a Secret, so say so. */
const SECRET_LIKE = /(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE|API_?KEY|CREDENTIAL)/i;

export function envFromFiles(service: ComposeService, ctx: PlanContext, objects: ProjectObjects): EnvFromSource[] {
  const out: EnvFromSource[] = [];
  (service.env_file ?? []).forEach((ref, i) => {
    const path = ctx.servicePath(service, 'env_file', i);
    const name = envConfigMap(ref.path, ref.required, ref.format, ctx, objects, path);
    if (name) out.push({ configMapRef: { name } });
  });
  return out;
}

function envConfigMap(file: string, required: boolean, format: string | undefined, ctx: PlanContext, objects: ProjectObjects, path: string): string | undefined {
  const key = `env:${file}`;
  const existing = objects.configMaps.get(key);
  if (existing) return existing.metadata.name;
  const shown = displayPath(file, ctx.project.workingDir);
  const secret = secretOfFile(file, ctx);
  if (secret !== undefined) {
    ctx.diags.warn('env-file-secret-file', `env file ${shown} is the file of secret "${secret}" and is not put in a ConfigMap; it is left out`, { ...ctx.at(path), hint: `read the value from /run/secrets/${secret} instead` });
    return undefined;
  }
  const text = ctx.host.readFile(file);
  if (text === undefined) {
    if (required) ctx.diags.error('env-file-missing', `env file ${shown} not found`, { ...ctx.at(path), hint: 'create it, or mark it optional: env_file: [{ path: …, required: false }]' });
    return undefined;
  }
  if (!isText(text)) {
    ctx.diags.warn('env-file-binary', `env file ${shown} is not UTF-8 text and cannot go into a ConfigMap; it is left out`, ctx.at(path));
    return undefined;
  }
  const data: Record<string, string> = {};
  try {
    // `${VAR}` and bare `VAR` lines resolve against the project environment, as compose does.
    const lookup = (name: string) => ctx.project.environment?.[name];
    for (const e of format === 'raw' ? rawEntries(text) : parseDotenv(text, lookup)) data[e.key] = e.value;
  } catch (e) {
    if (!(e instanceof DotenvError)) throw e;
    ctx.diags.error('env-file-syntax', e.message, { pos: { file, line: e.line, col: e.col }, hint: `in env file ${shown}, used at ${path}` });
    return undefined;
  }
  for (const k of Object.keys(data)) {
    const problem = configMapKeyProblem(k);
    if (!problem) continue;
    ctx.diags.warn('env-file-key', `variable ${JSON.stringify(k)} of env file ${shown} is left out: a ConfigMap key ${problem}`, { ...ctx.at(path), hint: 'rename it to letters, digits, "_", "-" and "."' });
    delete data[k];
  }
  const tooLarge = tooLargeForObject(data, 'ConfigMap', `the data of env file ${shown}`);
  if (tooLarge) {
    ctx.diags.warn('env-file-too-large', `${tooLarge}; it is left out`, { ...ctx.at(path), hint: 'move the large values into a file the image holds' });
    return undefined;
  }
  const secretLike = Object.keys(data).filter((k) => SECRET_LIKE.test(k));
  if (secretLike.length) {
    ctx.diags.warn('env-file-secret', `env file ${shown} sets ${secretLike.join(', ')}, which go into a ConfigMap, readable by anyone who can read ConfigMaps`, {
      ...ctx.at(path),
      hint: 'move credentials to compose secrets:, which become Kubernetes Secrets',
    });
  }
  const relative = posixPath.relative(ctx.project.workingDir, file);
  // `app.env` → app-env, `.env` → env, `config/web.conf` → config-web-conf-env.
  const base = toDns1123Label(relative.startsWith('..') ? posixPath.basename(file) : relative);
  const wanted = /(^|-)env$/.test(base) ? base : toDns1123Label(`${base}-env`);
  const name = ctx.names.claim('ConfigMap', wanted, `env file ${shown}`, ctx.at(path));
  objects.configMaps.set(key, { metadata: { name, labels: ctx.objectLabels() }, data, origin: path });
  return name;
}

/** `format: raw`: KEY=VALUE lines taken literally (no quotes, escapes or interpolation). */
function rawEntries(text: string): { key: string; value: string }[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() && !l.trimStart().startsWith('#') && l.includes('='))
    .map((l) => ({ key: l.slice(0, l.indexOf('=')).trim(), value: l.slice(l.indexOf('=') + 1) }));
}
