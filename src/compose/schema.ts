// The Compose JSON schema check, on the merged tree, each error at the file:line:col of the node.
// Schema: schema/compose-spec.json = compose-spec/compose-go @ e70e961c3a3acebf0800b882f1afb3dbf1fb74a2,
// schema/compose-spec.json (JSON Schema draft 2020-12, Apache-2.0, see schema/NOTICE). It is the one
// docker compose validates with. schema/validate-compose.ts is ajv's standalone code for it
// (regenerate with `node scripts/gen-compose-schema.js`), so no schema is compiled at run time.

import type { Diagnostics } from '../common/diagnostics';
import { validate } from './schema/validate-compose';
import { joinPath, type SourceMap } from '../common/source-map';

interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** `/services/web/ports/0` → `services.web.ports[0]` (indices are the numeric segments under a list). */
function toPath(pointer: string, root: unknown): string {
  let path = '';
  let node: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path = joinPath(path, Number(seg));
      node = node[Number(seg)];
    } else {
      path = joinPath(path, seg);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

const typeName = (t: string) => (t === 'object' ? 'a mapping' : t === 'array' ? 'a list' : t === 'integer' ? 'a whole number' : `a ${t}`);

/** One message per offending node: ajv reports every failed branch of a oneOf, we keep what helps. */
function summarize(errors: readonly AjvError[], path: string): { message: string; path: string }[] {
  const extra = errors.filter((e) => e.keyword === 'additionalProperties');
  if (extra.length > 0) {
    return extra.map((e) => {
      const key = String(e.params.additionalProperty);
      return { path: joinPath(path, key), message: `additional property "${key}" is not allowed${path ? ` in ${path}` : ' at the top level'}` };
    });
  }
  const required = errors.find((e) => e.keyword === 'required');
  if (required) return [{ path, message: `missing required property "${required.params.missingProperty}"` }];
  const enumError = errors.find((e) => e.keyword === 'enum');
  if (enumError) return [{ path, message: `must be one of ${(enumError.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` }];
  const types = [...new Set(errors.filter((e) => e.keyword === 'type').flatMap((e) => String(e.params.type).split(',')))];
  if (types.length > 0) return [{ path, message: `must be ${types.map(typeName).join(' or ')}` }];
  const specific = errors.find((e) => !['oneOf', 'anyOf', 'if', 'not'].includes(e.keyword)) ?? errors[0];
  return [{ path, message: specific.message ?? 'is not valid' }];
}

/** Validates the merged project tree; returns false (after reporting) when it does not conform. */
export function validateSchema(root: unknown, sourceMap: SourceMap, diags: Diagnostics): boolean {
  if (validate(root)) return true;
  const errors = ((validate as unknown as { errors?: AjvError[] }).errors ?? []).filter((e) => e.keyword !== 'false schema');
  const byPointer = new Map<string, AjvError[]>();
  for (const e of errors) byPointer.set(e.instancePath, [...(byPointer.get(e.instancePath) ?? []), e]);
  // The deepest failures explain the ones above them (a bad `condition` fails its `depends_on` oneOf).
  const pointers = [...byPointer.keys()].filter((p) => ![...byPointer.keys()].some((q) => q !== p && q.startsWith(p + '/')));
  for (const pointer of pointers) {
    const path = toPath(pointer, root);
    for (const s of summarize(byPointer.get(pointer)!, path)) {
      diags.error('schema', s.path ? s.message : `the file ${s.message}`, {
        path: s.path || undefined,
        pos: sourceMap.get(s.path),
        hint: 'see the Compose specification: https://github.com/compose-spec/compose-spec/blob/main/spec.md',
      });
    }
  }
  return false;
}
