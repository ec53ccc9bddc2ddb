// `compose2k8s build`: its flags. The run (cli/build-run.ts) is loaded only when the command runs.

import { type Command, Option } from 'commander';
import { BUILDER_ORDER } from '../images/builders';
import { LOCAL_CLUSTERS } from '../images/cluster-load';
import type { BuildFlags } from './build-run';
import { choice, collect, imageTag, PROJECT_DIRECTORY_HELP, verboseOption } from './flags';
import type { CliIO } from './io';

/** Adds `build` to the program; `onAction` receives its run. */
export function addBuildCommand(program: Command, io: CliIO, onAction: (run: () => Promise<number>) => void): void {
  program
    .command('build')
    .description('build the images of the services with build: as docker compose would, named as convert names them; then push them, or load them into a local cluster')
    .option('-f, --file <path>', 'compose file; repeat to merge several; "-" reads stdin (default: compose.yaml, … as docker compose finds them)', collect)
    .option('-p, --project-name <name>', 'project name, in the names of built images (default: COMPOSE_PROJECT_NAME, else "name:" in the file, else the directory name)')
    .option('--project-directory <dir>', PROJECT_DIRECTORY_HELP)
    .option('--env-file <path>', 'variables for interpolation; repeatable (default: .env in the project directory)', collect)
    .option('--profile <name>', 'build the services of this profile too; repeatable (default: COMPOSE_PROFILES)', collect)
    .addOption(new Option('--builder <name>', `the builder: ${BUILDER_ORDER.join(', ')} (default: the first of them on PATH; docker builds with its buildx plugin when it has one)`).argParser(choice(BUILDER_ORDER)))
    .option('--image-registry <registry>', 'registry prefix of the images compose names itself (build: without image:), as given to convert')
    .option('-t, --tag <tag>', 'tag of the images compose names itself, as given to convert --image-tag (default: latest)', imageTag)
    .addOption(new Option('--image-tag <tag>', 'the same as --tag (convert\'s name for it)').argParser(imageTag))
    .option('--push', 'push each image (and its build.tags) once every build has succeeded', false)
    .addOption(new Option('--load <cluster>', `load each image into a local cluster once every build has succeeded: ${LOCAL_CLUSTERS.join(', ')}`).argParser(choice(LOCAL_CLUSTERS)).conflicts('push'))
    .option('--cluster <name>', 'the cluster --load loads into (kind --name, minikube --profile, k3d --cluster; default: the tool\'s own)')
    .option('--dry-run', 'print the commands, one per line, shell-quoted; run nothing', false)
    .option('-q, --quiet', 'print only errors, a failure and the closing summary on stderr (not the builders\' output)', false)
    .addOption(verboseOption())
    .action((flags: BuildFlags & { imageTag?: string }) => onAction(async () => (await import('./build-run')).runBuild({ ...flags, tag: flags.tag ?? flags.imageTag }, io)));
}

