// `extends`: a service starts from another service (same file, or `file:`), then its own keys merge
// on top by compose's merge rules. Chains resolve base-first; a cycle is an error at the `extends`
// that closes it. Values keep the position of the file that set them, so a diagnostic about an
// inherited key points into the base file.

import * as posixPath from 'node:path/posix';
import type { SourcePos } from '../common/diagnostics';
import type { FileRef, FileScope, LoaderContext } from './load-context';
import { mergeNodes } from './merge';
import { cloneNode, isMapNode, mapNode, type MapNode, type Node, nodeAt, scalarText } from './node';
import { resolvePath } from './paths';

type LoadRaw = (ctx: LoaderContext, ref: FileRef, scope: FileScope) => Node | undefined;

interface ExtendsRef {
  service: string;
  file?: string;
  pos?: SourcePos;
}

function readExtends(node: Node, dir: string): ExtendsRef | undefined {
  const service = scalarText(isMapNode(node) ? node.entries.get('service') : node);
  if (service === undefined) return undefined;
  const file = isMapNode(node) ? scalarText(node.entries.get('file')) : undefined;
  return { service, file: file === undefined ? undefined : resolvePath(file, dir), pos: node.pos };
}

/** Resolves `extends` for every service of a loaded file, in place. */
export function applyExtends(root: Node, file: string, ctx: LoaderContext, scope: FileScope, loadRaw: LoadRaw): void {
  const services = nodeAt(root, 'services');
  if (!isMapNode(services)) return;
  const resolver = new Resolver(ctx, scope, loadRaw, file);
  for (const name of services.entries.keys()) {
    const resolved = resolver.resolve(services, file, name, scope.extendsChain);
    if (resolved) services.entries.set(name, resolved);
  }
}

class Resolver {
  /** Resolved services by `file#service`, so a base shared by many services is resolved once. */
  private readonly done = new Map<string, Node>();
  private readonly files = new Map<string, MapNode | undefined>();

  constructor(
    private readonly ctx: LoaderContext,
    private readonly scope: FileScope,
    private readonly loadRaw: LoadRaw,
    private readonly rootFile: string,
  ) {}

  /**
   * What a relative `extends.file` means: in a loaded file, the project directory (or the include's
   * project_directory), in a file read as an extends base, that file's own directory (compose-go
   * extends.go: the ResourceLoader's WorkingDir, re-rooted at the base file's directory).
   */
  private dirOf(file: string): string {
    return file === this.rootFile ? this.scope.dir : posixPath.dirname(file);
  }

  resolve(services: MapNode, file: string, name: string, chain: readonly string[]): Node | undefined {
    const key = `${file}#${name}`;
    const cached = this.done.get(key);
    if (cached) return cached;
    const service = services.entries.get(name);
    const ext = isMapNode(service) ? service.entries.get('extends') : undefined;
    if (!service || !isMapNode(service) || !ext) return service;

    const own = mapNode([...service.entries].filter(([k]) => k !== 'extends'), service.pos);
    const ref = readExtends(ext, this.dirOf(file));
    if (!ref) return own; // malformed: the schema check reports it
    if (ref.file === '') {
      // compose-go reads "" as the project directory, which is not a file, and fails.
      this.ctx.diags.error('invalid-value', 'an empty extends "file" (it would name the project directory, not a file)', {
        path: `services.${name}.extends.file`,
        pos: ref.pos,
        hint: 'name the file, or remove "file:" to extend a service of this file',
      });
      return own;
    }
    if (chain.includes(key)) {
      const cycle = [...chain.slice(chain.indexOf(key)), key].map((k) => k.replace(/^.*\//, '').replace('#', ':')).join(' → ');
      this.ctx.diags.error('extends-cycle', `service "${name}" extends itself through a cycle: ${cycle}`, {
        path: `services.${name}.extends`,
        pos: ref.pos,
        hint: 'break the cycle: a service cannot extend, directly or not, from itself',
      });
      return own;
    }
    const next = [...chain, key];
    const baseFile = ref.file ?? file;
    const baseServices = ref.file ? this.servicesOf(ref.file, ref.pos) : services;
    if (!baseServices) return own;
    if (!baseServices.entries.has(ref.service)) {
      this.ctx.diags.error('extends-not-found', `service "${name}" extends "${ref.service}", which is not defined in ${baseFile}`, {
        path: `services.${name}.extends`,
        pos: ref.pos,
        hint: 'check the service name and the "file:" of extends',
      });
      return own;
    }
    const base = this.resolve(baseServices, baseFile, ref.service, next);
    if (!base) return own;
    const merged = mergeNodes(cloneNode(base), own, ['services', name], this.ctx.diags);
    this.done.set(key, merged);
    return merged;
  }

  private servicesOf(file: string, from: SourcePos | undefined): MapNode | undefined {
    if (!this.files.has(file)) {
      const root = this.loadRaw(this.ctx, { path: file, from }, { ...this.scope, dir: posixPath.dirname(file) });
      const services = nodeAt(root, 'services');
      this.files.set(file, isMapNode(services) ? services : root ? mapNode() : undefined);
    }
    return this.files.get(file);
  }
}
