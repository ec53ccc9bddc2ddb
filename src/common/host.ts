// The core's only door to the outside world (files, directories, real paths); node-host.ts opens it
// on disk, memoryHost in memory.

/**
 * What the pure core may ask of the outside world. The CLI passes one backed by `fs`; tests and
 * library users can pass an in-memory one. Paths are absolute, with POSIX separators.
 */
export interface Host {
  /** The file's text, or undefined when it does not exist or is not a file. */
  readFile(path: string): string | undefined;
  /** What is at `path`, if anything. */
  stat(path: string): 'file' | 'directory' | undefined;
  /** The path with symbolic links resolved (POSIX separators), when the host has links. */
  realPath?(path: string): string | undefined;
  /** The names in a directory (for a bind-mounted directory turned into a ConfigMap); undefined when it is not one. */
  list?(path: string): string[] | undefined;
}

/** A Host over a plain map of absolute path → content; directories are implied by the paths. */
export function memoryHost(files: Readonly<Record<string, string>>): Host {
  return {
    readFile: (p) => files[p],
    stat: (p) => {
      if (p in files) return 'file';
      const prefix = p.endsWith('/') ? p : p + '/';
      return Object.keys(files).some((f) => f.startsWith(prefix)) ? 'directory' : undefined;
    },
    list: (p) => {
      const prefix = p.endsWith('/') ? p : p + '/';
      const names = new Set(Object.keys(files).filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/')[0]));
      return names.size ? [...names] : undefined;
    },
  };
}
