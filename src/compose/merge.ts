// Merging several compose files (`-f a.yaml -f b.yaml`) into one tree, keeping source positions.
// Mappings merge key by key; sequences append; scalars are replaced by the later file.

import type { Diagnostics } from '../diagnostics';
import { isRecord } from './normalize';
import type { ParsedFile } from './parse';
import { joinPath, SourceMap } from './source-map';

export interface MergedTree {
  readonly value: unknown;
  readonly sourceMap: SourceMap;
}

export function mergeFiles(files: readonly ParsedFile[], _diags: Diagnostics): MergedTree {
  const sourceMap = new SourceMap();
  sourceMap.addAll(files[0].sourceMap);
  let value = files[0].value;
  for (const file of files.slice(1)) {
    value = mergeValue(value, file.value, '', file.sourceMap, sourceMap);
  }
  return { value, sourceMap };
}

function mergeValue(base: unknown, over: unknown, path: string, overMap: SourceMap, out: SourceMap): unknown {
  if (isRecord(base) && isRecord(over)) {
    const result: Record<string, unknown> = { ...base };
    for (const [k, v] of Object.entries(over)) {
      const p = joinPath(path, k);
      if (k in base) result[k] = mergeValue(base[k], v, p, overMap, out);
      else {
        result[k] = v;
        out.copyTree(overMap, p, p);
      }
    }
    return result;
  }
  if (Array.isArray(base) && Array.isArray(over)) {
    over.forEach((_, i) => out.copyTree(overMap, joinPath(path, i), joinPath(path, base.length + i)));
    return [...base, ...over];
  }
  out.copyTree(overMap, path, path);
  return over;
}
