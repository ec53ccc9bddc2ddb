// `-o DIR`: one file per resource, written atomically (src/output/write-dir.ts).

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutputDirError, writeDirectoryAtomically } from '../../src/output/write-dir';

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'c2k-write-dir-'));
});
afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

const files = (entries: Record<string, string>) => new Map(Object.entries(entries));
const listing = (dir: string) => fs.readdirSync(dir).sort();

describe('writeDirectoryAtomically', () => {
  it('creates the directory with one file per entry, creating missing parents', () => {
    const out = path.join(tmp, 'deep', 'k8s');
    writeDirectoryAtomically(out, files({ '05-service-web.yaml': 'a: 1\n', '06-deployment-web.yaml': 'b: 2\n' }));
    expect(listing(out)).toEqual(['05-service-web.yaml', '06-deployment-web.yaml']);
    expect(fs.readFileSync(path.join(out, '05-service-web.yaml'), 'utf8')).toBe('a: 1\n');
  });

  it('replaces a previous run as a whole: stale files are gone', () => {
    const out = path.join(tmp, 'k8s');
    writeDirectoryAtomically(out, files({ 'old.yaml': 'x\n', 'keep.yaml': 'v1\n' }));
    writeDirectoryAtomically(out, files({ 'keep.yaml': 'v2\n' }));
    expect(listing(out)).toEqual(['keep.yaml']);
    expect(fs.readFileSync(path.join(out, 'keep.yaml'), 'utf8')).toBe('v2\n');
  });

  it('leaves no staging or backup directory behind', () => {
    const out = path.join(tmp, 'k8s');
    writeDirectoryAtomically(out, files({ 'a.yaml': '1\n' }));
    writeDirectoryAtomically(out, files({ 'a.yaml': '2\n' }));
    expect(listing(tmp)).toEqual(['k8s']);
  });

  it('refuses a directory holding files it did not write, and changes nothing', () => {
    const out = path.join(tmp, 'src');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'main.go'), 'package main\n');
    expect(() => writeDirectoryAtomically(out, files({ 'a.yaml': '1\n' }))).toThrow(OutputDirError);
    expect(() => writeDirectoryAtomically(out, files({ 'a.yaml': '1\n' }))).toThrow(/holds files compose2k8s did not write \(main\.go\)/);
    expect(listing(out)).toEqual(['main.go']);
    expect(listing(tmp)).toEqual(['src']);
  });

  it('refuses a path that is a file', () => {
    const out = path.join(tmp, 'file.yaml');
    fs.writeFileSync(out, 'x');
    expect(() => writeDirectoryAtomically(out, files({ 'a.yaml': '1\n' }))).toThrow(/exists and is not a directory/);
    expect(fs.readFileSync(out, 'utf8')).toBe('x');
  });

  it.each(['../escape.yaml', '/etc/passwd', '.hidden.yaml'])('refuses to write %j, writing nothing at all', (name) => {
    const out = path.join(tmp, 'k8s');
    expect(() => writeDirectoryAtomically(out, files({ 'a.yaml': '1\n', [name]: 'x' }))).toThrow(/refusing to write/);
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'escape.yaml'))).toBe(false);
  });

  it('keeps the previous output when writing fails half-way', () => {
    const out = path.join(tmp, 'k8s');
    writeDirectoryAtomically(out, files({ 'a.yaml': 'old\n' }));
    // A name that is too long for the file system fails after the first file was staged.
    const tooLong = 'x'.repeat(300) + '.yaml';
    expect(() => writeDirectoryAtomically(out, files({ 'a.yaml': 'new\n', [tooLong]: 'y' }))).toThrow();
    expect(listing(out)).toEqual(['a.yaml']);
    expect(fs.readFileSync(path.join(out, 'a.yaml'), 'utf8')).toBe('old\n');
    expect(listing(tmp)).toEqual(['k8s']);
  });
});
