'use strict';
// Loads the CLI bundle (dist/cli.bundle.cjs, built by scripts/build-cli.mjs) with a V8 code cache,
// so that a run does not compile ~1 MB of JavaScript again: a `vm.Script` `cachedData` file, written
// by saveCache() after a real conversion. A cache made right after compiling holds little more than
// the top-level code, since V8 compiles a function when it first runs; that is all node 22's
// `module.enableCompileCache()` stores for the bundle (26 KB of 1.4 MB; measured in BENCHMARKS.md),
// so it is not used. The file lives in the first writable of: next to the bundle,
// $XDG_CACHE_HOME/compose2k8s, ~/.cache/compose2k8s; with none writable there is no cache. Its name
// and header carry the bundle's SHA-256, the node version and the architecture, and the header a
// SHA-256 of the payload: a file that does not match is ignored (and replaced), as is one that V8
// rejects (another V8 build, other flags). V8's own check compares the source's length, not its
// content, and does not notice a corrupted payload: both would run wrong code.

const fs = require('fs');
const Module = require('module');
const path = require('path');

const DIST = path.join(__dirname, '..', 'dist');
/** tsc's output for src/cli/main.ts, which the bundle is made from (and compared with): the one place that names it. */
const ENTRY = path.join(DIST, 'cli', 'main.js');
const BUNDLE = path.join(DIST, 'cli.bundle.cjs');
const HELP_TABLE = path.join(DIST, 'cli-help.json');
const CACHE_DIR_NAME = '.code-cache';
/** What the command reads at run time, relative to the package (bench and tests copy these to run it alone). */
const RUNTIME_FILES = ['package.json', 'bin', 'templates', 'dist/cli.bundle.cjs', 'dist/cli-help.json'];
const MAGIC = 'compose2k8s-code-cache/1';

/** Where a cache may live, in the order tried: next to the bundle, then the user's cache directory. */
function cacheDirectories(bundle, env) {
  const dirs = [path.join(path.dirname(bundle), CACHE_DIR_NAME)];
  // XDG Base Directory: a relative or empty $XDG_CACHE_HOME is ignored; the default is ~/.cache.
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) dirs.push(path.join(xdg, 'compose2k8s'));
  else if (env.HOME && path.isAbsolute(env.HOME)) dirs.push(path.join(env.HOME, '.cache', 'compose2k8s'));
  return dirs;
}

// crypto and vm are required where used: help and version for a pipe (bin/compose2k8s.js) need neither.
const sha256 = (data) => require('crypto').createHash('sha256').update(data).digest('hex');

/** The first line of a cache file for this bundle on this node; the payload's checksum follows it. */
function cacheKey(bundleHash) {
  return `${MAGIC} ${bundleHash} ${process.version} ${process.arch}`;
}

/** The V8 data of the first cache file that belongs to this bundle and is intact, or undefined. */
function readCache(files, key) {
  for (const file of files) {
    let data;
    try {
      data = fs.readFileSync(file);
    } catch {
      continue;
    }
    const eol = data.indexOf(10);
    const header = eol > 0 ? data.subarray(0, eol).toString('latin1') : '';
    const payload = data.subarray(eol + 1);
    if (header === `${key} ${sha256(payload)}`) return payload;
  }
  return undefined;
}

/** Writes the cache atomically (a reader never sees half a file) into the first directory that takes it. */
function writeCache(files, key, payload) {
  const content = Buffer.concat([Buffer.from(`${key} ${sha256(payload)}\n`, 'latin1'), payload]);
  for (const file of files) {
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(tmp, content);
      fs.renameSync(tmp, file);
      return file;
    } catch {
      fs.rmSync(tmp, { force: true });
    }
  }
  return undefined;
}

/**
 * Runs the bundle and returns its exports (the CLI module: main, run, …) and saveCache(), which
 * writes a cache of the code compiled so far when none was used. NODE_DISABLE_COMPILE_CACHE=1
 * turns the cache off, as it does node's own.
 */
function loadBundle({ bundle = BUNDLE, env = process.env } = {}) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return { exports: require(bundle), saveCache: () => undefined };
  const source = fs.readFileSync(bundle);
  const hash = sha256(source);
  const key = cacheKey(hash);
  const files = cacheDirectories(bundle, env).map((dir) => path.join(dir, `cli-${hash.slice(0, 16)}-${process.version}-${process.arch}.v8`));
  const cachedData = readCache(files, key);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source.toString('utf8')}\n})`;
  const script = new (require('vm').Script)(wrapped, { filename: bundle, cachedData });
  const module = { exports: {}, filename: bundle, id: bundle, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(bundle), module, bundle, path.dirname(bundle));
  module.loaded = true;
  const cached = cachedData !== undefined && !script.cachedDataRejected;
  return { exports: module.exports, saveCache: () => (cached ? undefined : writeCache(files, key, script.createCachedData())) };
}

module.exports = { ENTRY, BUNDLE, HELP_TABLE, CACHE_DIR_NAME, RUNTIME_FILES, loadBundle };
