#!/usr/bin/env node
// What the CLI prints for every command line whose output depends only on the program: help and
// version, of the program and of each subcommand (their names read from the program itself), keyed
// by JSON.stringify(argv). renderHelp() renders them in a child process whose stdout and stderr are
// pipes, so commander renders them as for a pipe (80 columns, no colours): bin/compose2k8s.js
// prints them only when its output is not a terminal. Used by scripts/build-cli.mjs (from the
// bundle) and test/bundle.test.ts (from tsc's unbundled CLI module, ENTRY in bin/load-bundle.js, to compare).

const { spawnSync } = require('node:child_process');

/** The table for the CLI module at `cliPath` (it exports buildProgram and run). */
function renderHelp(cliPath) {
  const r = spawnSync(process.execPath, [__filename, cliPath], { cwd: '/', env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`rendering the help of ${cliPath} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** In the child: runs each command line through cli.run with captured output. */
async function table(cli) {
  const io = (out) => ({ cwd: '/', env: {}, stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readStdin: async () => '' });
  const program = cli.buildProgram(io({ stdout: '', stderr: '' }), () => undefined);
  const version = program.options.filter((o) => o.long === '--version').flatMap((o) => [o.long, o.short].filter(Boolean));
  const commands = program.commands.map((c) => c.name());
  const lines = [[], ['help'], ['--help'], ['-h'], ...version.map((f) => [f]), ...commands.flatMap((c) => [[c, '--help'], [c, '-h'], ['help', c]])];
  const result = {};
  for (const argv of lines) {
    const out = { stdout: '', stderr: '' };
    const code = await cli.run(argv, io(out));
    result[JSON.stringify(argv)] = { ...out, code };
  }
  return result;
}

if (require.main === module) {
  table(require(process.argv[2])).then((t) => process.stdout.write(JSON.stringify(t)));
}

module.exports = { renderHelp };
