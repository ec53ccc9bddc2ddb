#!/usr/bin/env node
// The shape of src/, checked by test/architecture.test.ts (`node scripts/architecture.cjs` prints it):
//   1. no import cycle between source files; type-only imports count (a cycle of types is still a knot);
//   2. imports go one way: every folder has a layer in LAYERS, and a file imports only files of its own
//      layer or of lower ones (and never a folder its layer names in `never`);
//   3. no source file over 300 lines, and no function over 60 lines unless the comment above it says
//      why it is long (a comment holding "Long:", followed by the reason).
// Imports are read with the TypeScript parser: `import`, `export … from`, `import type`, `import()`,
// `require()` and `import('…').T` in types.

const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

const SRC = path.join(__dirname, '..', 'src');

/**
 * The layers, lowest first. A file belongs to the layer that names its folder (a sub-folder not named
 * belongs to no layer: give it one). `.` is src/ itself: the library (convert, variants, index, …).
 */
const LAYERS = [
  { name: 'common', folders: ['common'], holds: 'diagnostics and their codes, Host, compose paths and positions, small pure helpers' },
  { name: 'compose', folders: ['compose', 'compose/schema'], holds: 'load: compose files → ComposeProject' },
  { name: 'model/base', folders: ['model/base'], holds: 'the AppPlan types, options, the planner\'s context, names, what the API server accepts, compose sizes and durations, known and built images, objects shared by services, scaling inputs' },
  { name: 'model/keys', folders: ['model/keys'], holds: 'the service key table, its report and its README section' },
  { name: 'model/settings', folders: ['model/settings'], holds: 'x-k8s, kompose.* labels and environment presets, read against tables' },
  { name: 'model/storage', folders: ['model/storage'], holds: 'volumes, claims, bind mounts, env files, secrets and configs' },
  { name: 'model/pod', folders: ['model/pod'], holds: 'a service\'s container and pod settings, and pods joined by several services' },
  { name: 'model/networking', folders: ['model/networking'], holds: 'ports, Services, aliases, Ingresses, NetworkPolicies' },
  { name: 'model/workloads', folders: ['model/workloads'], holds: 'controllers, replicas, placement, rollout, service groups, depends_on waits, autoscalers' },
  { name: 'model', folders: ['model'], holds: 'plan: the planner, ComposeProject → AppPlan' },
  { name: 'images', folders: ['images'], holds: 'image builds: ComposeProject → the builder commands compose would run (compose2k8s build)' },
  { name: 'scaling', folders: ['scaling'], never: ['compose'], holds: 'scale: AppPlan + environment → AppPlan, from the plan alone' },
  { name: 'kube', folders: ['kube'], holds: 'build: AppPlan → cdk8s constructs → manifests in apply order (the only cdk8s import)' },
  { name: 'output', folders: ['output', 'output/helm'], holds: 'emit: manifests → YAML/JSON, files, Kustomize, a Helm chart' },
  { name: 'library', folders: ['.'], holds: 'convert(), variants, the cdk8s construct, the Host on disk' },
  { name: 'cli', folders: ['cli'], holds: 'the command line' },
];

const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;
const LONG_REASON = /\bLong:\s*\S/;

function sourceFiles(dir = SRC) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
    .sort();
}

/** Generated code (the compiled compose schema) is not held to the length rules. */
function isGenerated(text) {
  return /^\/\/ GENERATED /m.test(text.slice(0, 500));
}

/** Every module specifier in `text`, with whether the import is of types only. */
function importsOf(file, text) {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const out = [];
  const visit = (n) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(n) ? Boolean(n.importClause?.isTypeOnly) : n.isTypeOnly;
      out.push({ spec: n.moduleSpecifier.text, typeOnly });
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) {
      out.push({ spec: n.argument.literal.text, typeOnly: true });
    } else if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      const callee = n.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) out.push({ spec: n.arguments[0].text, typeOnly: false });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

/** `{ files: { 'model/plan.ts': text, … } }` → the import graph between them: file → [{ to, typeOnly }]. */
function importGraph(files) {
  const graph = new Map();
  for (const [file, text] of Object.entries(files)) {
    const edges = [];
    for (const { spec, typeOnly } of importsOf(file, text)) {
      if (!spec.startsWith('.')) continue;
      const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = [`${base}.ts`, `${base}/index.ts`, base].find((f) => f in files);
      if (to !== undefined) edges.push({ to, typeOnly });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** Import cycles (Tarjan's strongly connected components of more than one file, or a file importing itself). */
function cycles(graph) {
  let next = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const found = [];
  const visit = (v) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v), low.get(to)));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v), index.get(to)));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = [];
    let w;
    do {
      w = stack.pop();
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    const selfLoop = (graph.get(v) ?? []).some((e) => e.to === v);
    if (component.length > 1 || selfLoop) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One path through a cycle's files, `a.ts → b.ts → a.ts`, for the message. */
function cyclePath(graph, component) {
  const members = new Set(component);
  const start = component[0];
  const walk = [start];
  const seen = new Set([start]);
  for (let at = start; ; ) {
    const edge = (graph.get(at) ?? []).find((e) => members.has(e.to) && (e.to === start || !seen.has(e.to)));
    if (!edge || edge.to === start) return [...walk, start].join(' → ');
    walk.push(edge.to);
    seen.add(edge.to);
    at = edge.to;
  }
}

function layerOf(file, layers) {
  const folder = path.posix.dirname(file);
  const i = layers.findIndex((l) => l.folders.includes(folder));
  return i < 0 ? undefined : i;
}

/** Files in no layer, and imports that go up a layer or into a folder the layer must never use. */
function layerProblems(graph, layers = LAYERS) {
  const problems = [];
  for (const [file, edges] of graph) {
    const from = layerOf(file, layers);
    if (from === undefined) {
      problems.push(`${file}: its folder ${path.posix.dirname(file)}/ has no layer; add it to LAYERS in scripts/architecture.cjs`);
      continue;
    }
    for (const { to, typeOnly } of edges) {
      const into = layerOf(to, layers);
      if (into === undefined) continue; // reported as a file of its own
      const kind = typeOnly ? 'imports types from' : 'imports';
      const never = layers[from].never ?? [];
      if (into > from) problems.push(`${file} ${kind} ${to}: ${layers[from].name} may import only its own layer and lower ones, and ${layers[into].name} comes after it`);
      else if (never.includes(layers[into].name)) problems.push(`${file} ${kind} ${to}: ${layers[from].name} never imports ${layers[into].name}`);
    }
  }
  return [...new Set(problems)].sort();
}

/** Files over MAX_FILE_LINES, and functions over MAX_FUNCTION_LINES whose comment does not say why. */
function lengthProblems(files) {
  const problems = [];
  for (const [file, text] of Object.entries(files)) {
    if (isGenerated(text)) continue;
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) problems.push(`${file}: ${lines} lines, over ${MAX_FILE_LINES}`);
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const lineOf = (pos) => sf.getLineAndCharacterOfPosition(pos).line;
    const visit = (n) => {
      if (ts.isFunctionLike(n) && n.body) {
        const length = lineOf(n.end) - lineOf(n.getStart()) + 1;
        if (length > MAX_FUNCTION_LINES && !LONG_REASON.test(leadingComment(n, text))) {
          problems.push(`${file}:${lineOf(n.getStart()) + 1}: ${functionName(n)} is ${length} lines, over ${MAX_FUNCTION_LINES}; shorten it, or say why in its comment ("Long: …")`);
        }
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return problems.sort();
}

/** The comments just above a declaration (a function, or the statement holding an arrow function or method). */
function leadingComment(node, text) {
  let n = node;
  while (n.parent && !ts.isSourceFile(n.parent) && !ts.isClassLike(n.parent) && !ts.isBlock(n.parent)) n = n.parent;
  return (ts.getLeadingCommentRanges(text, n.getFullStart()) ?? []).map((r) => text.slice(r.pos, r.end)).join('\n');
}

function functionName(n) {
  if (n.name) return n.name.getText();
  if (ts.isConstructorDeclaration(n)) return 'constructor';
  const holder = n.parent && ts.isVariableDeclaration(n.parent) ? n.parent.name.getText() : undefined;
  return holder ?? 'a function';
}

/** src/ as `{ 'relative/path.ts': text }`. */
function readSources(dir = SRC) {
  return Object.fromEntries(sourceFiles(dir).map((f) => [path.relative(dir, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')]));
}

/** Everything the rules find in `files` (src/ by default), as messages naming the files. */
function check(files = readSources(), layers = LAYERS) {
  const graph = importGraph(files);
  return {
    graph,
    cycles: cycles(graph).map((c) => `import cycle: ${cyclePath(graph, c)}`),
    layers: layerProblems(graph, layers),
    lengths: lengthProblems(files),
  };
}

if (require.main === module) {
  const files = readSources();
  const result = check(files);
  const edges = [...result.graph.values()].flat();
  const counts = LAYERS.map((l) => `${l.name} (${Object.keys(files).filter((f) => layerOf(f, LAYERS) === LAYERS.indexOf(l)).length})`);
  console.log(`architecture: ${Object.keys(files).length} files, ${edges.length} imports (${edges.filter((e) => e.typeOnly).length} of types only)`);
  console.log(`layers, lowest first: ${counts.join(' < ')}`);
  const all = [...result.cycles, ...result.layers, ...result.lengths];
  for (const p of all) console.log(`  ${p}`);
  console.log(`${result.cycles.length} cycles, ${result.layers.length} layer problems, ${result.lengths.length} length problems`);
  process.exitCode = all.length ? 1 : 0;
}

module.exports = { LAYERS, MAX_FILE_LINES, MAX_FUNCTION_LINES, check, importGraph, cycles, layerProblems, lengthProblems, readSources };
