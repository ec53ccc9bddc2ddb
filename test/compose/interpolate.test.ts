// The interpolation grammar, case by case from compose-go's template/template_test.go, then the
// tree walk: casts by path, warnings and errors with positions.

import { describe, expect, it } from 'vitest';
import { interpolateString, InterpolationError } from '../../src/compose/interpolate';
import { load } from './load';

const vars: Record<string, string> = { FOO: 'first', BAR: '' };
const unset: string[] = [];
const sub = (s: string) => interpolateString(s, { lookup: (n) => vars[n], onUnset: (n) => unset.push(n) });

describe('interpolateString (compose-go template tests)', () => {
  it.each([
    ['$${foo}', '${foo}'],
    ['foo', 'foo'],
    ['a $ string', 'a $ string'],
    ['^REGEX$', '^REGEX$'],
    ['$}', '$}'],
    ['$', '$'],
    ['$FOO-bar', 'first-bar'],
    ['This ${missing} var', 'This  var'],
    ['This ${BAR} var', 'This  var'],
    ['This $FOO var', 'This first var'],
    ['This ${FOO} var', 'This first var'],
    ['ok ${missing:-def}', 'ok def'],
    ['ok ${missing-def}', 'ok def'],
    ['ok ${BAR:-def}', 'ok def'],
    ['ok ${FOO:-def}', 'ok first'],
    ['ok ${BAR-def}', 'ok '],
    ['ok ${UNSET_VAR:+presence_value}', 'ok '],
    ['ok ${UNSET_VAR+presence_value}', 'ok '],
    ['ok ${FOO:+presence_value}', 'ok presence_value'],
    ['ok ${FOO+presence_value}', 'ok presence_value'],
    ['ok ${BAR+presence_value}', 'ok presence_value'],
    ['ok ${BAR:+presence_value}', 'ok '],
    ['ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
    ['+ok ${UNSET:-${BAR-defaultValue}}', '+ok '],
    [':?ok ${BAR:-defaultValue}', ':?ok defaultValue'],
    ['ok ${UNSET_VAR-$FOO}', 'ok first'],
    ['ok ${UNSET_VAR-${FOO} ${FOO}}', 'ok first first'],
    ['ok ${BAR:-${FOO}}', 'ok first'],
    ['ok ${BAR+$FOO ${FOO:+second}}', 'ok first second'],
    ['ok ${FOO:?err}', 'ok first'],
    ['ok ${BAR?err}', 'ok '],
    ['${UNSET_VAR-myerror?msg}', 'myerror?msg'],
    ['${A:-${B:-${C:-deep}}}', 'deep'],
    ['$$FOO and $$$FOO', '$FOO and $first'],
  ])('%s → %s', (input, want) => {
    expect(sub(input)).toBe(want);
  });

  it.each(['${', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', '${FOO:-unclosed'])('%s is an invalid template', (input) => {
    expect(() => sub(input)).toThrow(InterpolationError);
  });

  it.each(['nginx:${TAG', '${FOO:-unclosed'])('%s says its closing brace is missing', (input) => {
    expect(() => sub(input)).toThrow('missing closing brace');
  });

  it.each([
    ['not ok ${UNSET_VAR:?Mandatory Variable Unset}', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
    ['not ok ${BAR:?Mandatory Variable Empty}', 'required variable BAR is missing a value: Mandatory Variable Empty'],
    ['not ok ${UNSET_VAR:?}', 'required variable UNSET_VAR is missing a value'],
    ['not ok ${UNSET_VAR?Mandatory Variable Unset}', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
    ['not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}', 'required variable UNSET_VAR is missing a value: Mandatory Variable first'],
    ['${UNSET_VAR?bar-baz}', 'required variable UNSET_VAR is missing a value: bar-baz'],
  ])('%s fails with its message', (input, message) => {
    expect(() => sub(input)).toThrow(message);
  });

  it('does not evaluate an unused default, so it does not warn about it', () => {
    unset.length = 0;
    expect(sub('${FOO:-${NOPE}}')).toBe('first');
    expect(unset).toEqual([]);
  });
});

describe('interpolating a file', () => {
  it('casts numbers and booleans by path, and leaves strings elsewhere', () => {
    const r = load(
      { 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    scale: ${N}\n    read_only: ${RO}\n    environment:\n      N: ${N}\n' },
      { env: { TAG: '1.25', N: '3', RO: 'true' } },
    );
    expect(r.errors).toEqual([]);
    expect(r.project!.services.web).toMatchObject({ image: 'nginx:1.25', scale: 3, read_only: true, environment: { N: '3' } });
  });

  it('casts quoted values too, with YAML 1.1 booleans and floats, as compose-go does', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    privileged: "yes"\n    tty: "off"\n    cpus: "0.5"\n    ports: [{target: "80", published: "8080"}]\n' });
    expect(r.errors).toEqual([]);
    expect(r.project!.services.web).toMatchObject({ privileged: true, tty: false, cpus: 0.5 });
    expect(r.project!.services.web.ports).toEqual([{ target: 80, published: '8080', protocol: 'tcp' }]);
  });

  it('a value that does not cast is an error at its position, as in compose', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    read_only: ${RO:-maybe}\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:4:16: error [invalid-value] services.web.read_only: "maybe" is not a boolean (true or false)']);
  });

  it('warns about an unset variable at its position', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n' });
    expect(r.warnings).toEqual(['/project/compose.yaml:3:12: warning [unset-variable] services.web.image: the "TAG" variable is not set, defaulting to a blank string']);
  });

  it('warns once per unset variable across the files of a project, at its first use', () => {
    const r = load(
      { 'compose.yaml': 'services:\n  web:\n    image: "nginx:${TAG}"\n    labels: {v: "${TAG}"}\n', 'o.yaml': 'services:\n  web:\n    user: "${TAG}"\n' },
      { main: ['compose.yaml', 'o.yaml'] },
    );
    expect(r.warnings).toEqual(['/project/compose.yaml:3:12: warning [unset-variable] services.web.image: the "TAG" variable is not set, defaulting to a blank string (used 2 times in this file)']);
  });

  it('reports ${VAR:?msg} with the user message at its position', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    environment:\n      KEY: ${API_KEY:?set API_KEY first}\n' });
    expect(r.errors).toEqual(['/project/compose.yaml:5:12: error [interpolation] services.web.environment.KEY: required variable API_KEY is missing a value: set API_KEY first']);
  });

  it('$$ stays a literal $ through the whole load', () => {
    const r = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    command: echo $$HOME\n' });
    expect(r.project!.services.web.command).toEqual(['echo', '$HOME']);
  });

  it('interpolates x- extension fields too, as compose does', () => {
    const r = load({ 'compose.yaml': 'x-common:\n  tag: ${TAG:-latest}\nservices:\n  web:\n    image: nginx\n' });
    expect(r.project!.extensions['x-common']).toEqual({ tag: 'latest' });
  });
});
