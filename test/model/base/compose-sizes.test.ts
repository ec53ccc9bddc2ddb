// Compose sizes and CPU counts → Kubernetes quantities, exactly (src/model/base/compose-sizes.ts).

import { describe, expect, it } from 'vitest';
import { bytesToQuantity, cpuQuantity, parseBytes, parseCpus, sizeToQuantity } from '../../../src/model/base/compose-sizes';

describe('compose sizes are binary', () => {
  it.each([
    ['512m', '512Mi'],
    ['512M', '512Mi'],
    ['512MiB', '512Mi'],
    ['512mb', '512Mi'],
    ['1.5g', '1536Mi'],
    ['2g', '2Gi'],
    ['1024k', '1Mi'],
    ['100k', '100Ki'],
    ['1t', '1Ti'],
    ['1000', '1000'],
    ['1000b', '1000'],
    [2048, '2Ki'],
    [1000, '1000'],
  ])('%j → %s', (input, quantity) => {
    expect(sizeToQuantity(input)).toBe(quantity);
  });

  it('truncates fractional bytes like docker', () => {
    expect(parseBytes('1.5k')).toBe(1536);
    expect(parseBytes('0.1k')).toBe(102);
    expect(bytesToQuantity(102)).toBe('102');
  });

  it.each(['lots', '-1g', '1x', '', '1.g'])('rejects %j', (input) => {
    expect(parseBytes(input)).toBeUndefined();
  });
});

describe('cpus', () => {
  it.each([
    ['0.5', '500m'],
    [0.5, '500m'],
    ['2', '2'],
    [1.25, '1250m'],
    ['0.001', '1m'],
    [0.1, '100m'],
  ])('%j → %s exactly', (input, quantity) => {
    expect(cpuQuantity(parseCpus(input)!)).toEqual({ quantity, exact: true });
  });

  it('rounds values below a millicore up and says so', () => {
    expect(cpuQuantity(0.0005)).toEqual({ quantity: '1m', exact: false });
  });

  it.each(['half', '-1', ''])('rejects %j', (input) => {
    expect(parseCpus(input)).toBeUndefined();
  });
});
