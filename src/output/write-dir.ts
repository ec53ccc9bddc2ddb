// `-o DIR`: one file per resource, written atomically. Everything goes into a fresh directory beside
// DIR, which then takes DIR's place; on any error DIR is left as it was.

import * as fs from 'node:fs';
import * as path from 'node:path';

export class OutputDirError extends Error {}

/**
 * Files a previous run could have written (YAML, or JSON with -j; a Helm chart's helpers and notes);
 * anything else in DIR is not ours to replace.
 */
const OURS = /\.(ya?ml|json)$|(^|\/)templates\/(_helpers\.tpl|NOTES\.txt)$/;
/** YAML that is never ours: compose files (`-o .` in a project would otherwise replace the project). */
const COMPOSE_FILE = /(^|\/)(docker-)?compose(\.override)?\.ya?ml$/;

/**
 * `protect`: paths that must not be inside DIR (the compose and env files the conversion read), so
 * `-o` can never replace the project it converts.
 */
export function writeDirectoryAtomically(dir: string, files: ReadonlyMap<string, string>, protect: readonly string[] = []): void {
  const target = path.resolve(dir);
  const inside = protect.find((p) => {
    const rel = path.relative(target, path.resolve(p));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
  if (inside) throw new OutputDirError(`${dir} holds ${inside}, an input of this conversion; choose an empty or new directory`);
  for (const name of files.keys()) {
    // Names come from sanitised Kubernetes names (and `prod/`, `overlays/prod/` for environments);
    // still, never write outside DIR.
    if (name.split('/').some((seg) => seg === '' || seg.startsWith('.') || seg !== path.basename(seg))) throw new OutputDirError(`refusing to write "${name}" outside ${dir}`);
  }
  if (fs.existsSync(target)) {
    const stat = fs.statSync(target);
    if (!stat.isDirectory()) throw new OutputDirError(`${dir} exists and is not a directory`);
    const foreign = listFilesRecursively(target).filter((f) => !OURS.test(f) || COMPOSE_FILE.test(f));
    if (foreign.length > 0) {
      throw new OutputDirError(`${dir} holds files compose2k8s did not write (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}); choose an empty or new directory`);
    }
  }
  const parent = path.dirname(target);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.tmp-`));
  try {
    for (const [name, content] of files) {
      if (name.includes('/')) fs.mkdirSync(path.join(staging, path.dirname(name)), { recursive: true });
      fs.writeFileSync(path.join(staging, name), content);
    }
    if (fs.existsSync(target)) {
      const old = fs.mkdtempSync(path.join(parent, `.${path.basename(target)}.old-`));
      fs.renameSync(target, path.join(old, 'previous'));
      fs.renameSync(staging, target);
      fs.rmSync(old, { recursive: true, force: true });
    } else {
      fs.renameSync(staging, target);
    }
  } catch (e) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw e;
  }
}

function listFilesRecursively(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFilesRecursively(path.join(dir, entry.name), rel));
    else out.push(rel);
  }
  return out;
}
