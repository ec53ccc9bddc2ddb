// An ApiObject's JSON exactly as cdk8s's ApiObject.toJson() makes it, in one walk instead of five.
// cdk8s resolves the metadata (a copy, with a key path, a context and three resolvers per value) and
// sanitises it (a second copy), then does both again to the props with the finished metadata in
// them: at 1,000 services that was most of synthesis. The objects the plan makes hold only plain data
// and the L1 number-or-string unions (IntOrString, Quantity), so one copy that sorts and drops as it
// goes gives the same JSON. Anything else (a Lazy, a token, a resolver the App was given, a JSON
// patch, an object that is not plain, a cdk8s whose metadata has other fields) goes through cdk8s's
// own toJson, unchanged. test/kube/plain-json.test.ts compares the two on every example.

import { type ApiObject, type ApiObjectMetadataDefinition, App, ImplicitTokenResolver, Lazy, LazyResolver, NumberStringUnionResolver } from 'cdk8s';

/**
 * Sorts in Array.prototype.sort()'s order for strings (UTF-16 code units). Most objects have a few
 * keys: an insertion sort in place spares the work array that sort() allocates on every call.
 */
function sortByCodeUnits(keys: string[]): void {
  if (keys.length > 16) {
    keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return;
  }
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i];
    let j = i - 1;
    for (; j >= 0 && keys[j] > k; j--) keys[j + 1] = keys[j];
    keys[j + 1] = k;
  }
}

/** Thrown by plain() at a value it does not handle: the caller falls back to cdk8s. */
const NOT_PLAIN = Symbol('not plain');

/** sanitizeValue's options: ApiObject.toJson() sorts unless CDK8S_DISABLE_SORT; metadata also drops empty arrays and objects. */
interface Sanitize {
  readonly sortKeys: boolean;
  readonly filterEmpty: boolean;
  /** No resolver can act on a string, number or boolean (see primitivesArePlain). */
  readonly primitivesPlain: boolean;
}

/**
 * A resolver acts on a string, number or boolean only if its prototype (or Object.prototype) has a
 * `resolve` method or a `value`: nobody's does, and then primitives need no test each.
 */
function primitivesArePlain(): boolean {
  return [String.prototype, Number.prototype, Boolean.prototype].every((p) => !('resolve' in p) && !('value' in p));
}

/**
 * sanitizeValue(resolve([], value), options) with cdk8s's built-in resolvers, test for test, for
 * data that needs no resolver but NumberStringUnionResolver; throws NOT_PLAIN where another would act
 * or where sanitizeValue would throw.
 */
function plain(value: unknown, o: Sanitize): unknown {
  if (value === null || value === undefined) return undefined;
  const type = typeof value;
  if (o.primitivesPlain && (type === 'string' || type === 'number' || type === 'boolean')) return value;
  const v = value as { resolve?: unknown; value?: unknown; constructor?: unknown };
  // LazyResolver and ImplicitTokenResolver (which asks primitives too).
  if (v instanceof Lazy || typeof v.resolve === 'function') throw NOT_PLAIN;
  // NumberStringUnionResolver: IntOrString, Quantity, … become { value }.
  if (v.constructor !== Object && (typeof v.value === 'number' || typeof v.value === 'string')) return { value: plain(v.value, o) };
  if (Array.isArray(v)) return o.filterEmpty && v.length === 0 ? undefined : v.map((x) => plain(x, o));
  if (v.constructor === Object) {
    const keys = Object.keys(v);
    if (o.sortKeys) sortByCodeUnits(keys);
    const out: Record<string, unknown> = {};
    let kept = 0;
    for (const k of keys) {
      const x = plain((v as Record<string, unknown>)[k], o);
      if (x !== undefined && x !== null) {
        out[k] = x;
        kept++;
      }
    }
    return o.filterEmpty && kept === 0 ? undefined : out;
  }
  // resolve() returns anything else as it is; sanitizeValue() keeps primitives and functions and
  // rejects other objects (cdk8s's own toJson then throws its error).
  if (type !== 'object') return v;
  throw NOT_PLAIN;
}

/** The fields of cdk8s's ApiObjectMetadataDefinition (2.x) that its toJson() reads, and the object it belongs to. */
const METADATA_FIELDS = ['name', 'namespace', 'labels', 'annotations', 'finalizers', 'ownerReferences', 'apiObject', '_additionalAttributes'];
const METADATA = { sortKeys: true, filterEmpty: true };

/** ApiObjectMetadataDefinition.toJson(): its fields over the options it was made with. */
function plainMetadata(m: ApiObjectMetadataDefinition, primitivesPlain: boolean): unknown {
  const fields = m as unknown as Record<string, unknown>;
  const own = Object.keys(fields);
  // Another cdk8s may keep its metadata otherwise: then its own toJson() knows.
  if (own.length !== METADATA_FIELDS.length || !METADATA_FIELDS.every((f) => f in fields)) throw NOT_PLAIN;
  const { name, namespace, annotations, finalizers, ownerReferences, labels } = fields;
  return plain({ ...(fields._additionalAttributes as object), name, namespace, annotations, finalizers, ownerReferences, labels }, { ...METADATA, primitivesPlain });
}

/** True when the App resolves with cdk8s's built-in resolvers only (none given to it). */
function builtInResolversOnly(obj: ApiObject): boolean {
  const r = App.of(obj).resolvers;
  return r.length === 3 && r[0] instanceof LazyResolver && r[1] instanceof ImplicitTokenResolver && r[2] instanceof NumberStringUnionResolver;
}

/**
 * ApiObject.prototype.toJson.call(obj) (before the L1 class renames the props to the API's field
 * names), or undefined when the object holds anything but plain data: call cdk8s's own then.
 */
export function plainApiObjectJson(obj: ApiObject): Record<string, unknown> | undefined {
  const { props, patches } = obj as unknown as { props: Record<string, unknown>; patches: readonly unknown[] };
  if (patches.length > 0 || !builtInResolversOnly(obj)) return undefined;
  const o: Sanitize = { sortKeys: process.env.CDK8S_DISABLE_SORT ? false : true, filterEmpty: false, primitivesPlain: primitivesArePlain() };
  // apiVersion, kind and metadata first, then the rest (ApiObject.toJson's order). The metadata is
  // not walked again: a second walk of a walked value changes nothing.
  const result: Record<string, unknown> = {};
  try {
    for (const k of ['apiVersion', 'kind']) {
      const x = plain(props[k], o);
      if (x !== undefined && x !== null) result[k] = x;
    }
    const metadata = plainMetadata(obj.metadata, o.primitivesPlain);
    if (metadata !== undefined) result.metadata = metadata;
    const rest = Object.keys(props).filter((k) => k !== 'apiVersion' && k !== 'kind' && k !== 'metadata');
    if (o.sortKeys) sortByCodeUnits(rest);
    for (const k of rest) {
      const x = plain(props[k], o);
      if (x !== undefined && x !== null) result[k] = x;
    }
  } catch {
    // NOT_PLAIN, or an error that cdk8s's own toJson reports in its words (with the construct's path).
    return undefined;
  }
  return result;
}
