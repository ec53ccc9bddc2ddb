// Compose paths and the SourceMap: where each value of the loaded project was written.

import { describe, expect, it } from 'vitest';
import { joinPath, parentPath, pathOf, SourceMap } from '../../src/common/source-map';

const pos = (line: number, col = 1, file = '/p/compose.yaml') => ({ file, line, col });

describe('compose paths', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(pathOf(['services', 'web', 'ports', 0])).toBe('services.web.ports[0]');
  });

  it('quotes keys that are not plain identifiers', () => {
    expect(joinPath('services', 'my.app')).toBe('services["my.app"]');
    expect(joinPath('services.web.environment', 'A B')).toBe('services.web.environment["A B"]');
  });

  it('removes the last segment, whether key, index or quoted key', () => {
    expect(parentPath('services.web.ports[0]')).toBe('services.web.ports');
    expect(parentPath('services.web')).toBe('services');
    expect(parentPath('services["my.app"]')).toBe('services');
    expect(parentPath('services')).toBe('');
  });
});

describe('SourceMap', () => {
  it('falls back to the nearest recorded ancestor for a synthesised value', () => {
    const map = new SourceMap();
    map.set('services.web.ports', pos(4, 5));
    expect(map.get('services.web.ports[2].published')).toEqual(pos(4, 5));
    expect(map.exact('services.web.ports[2]')).toBeUndefined();
  });

  it('returns undefined when nothing on the way up was recorded', () => {
    const map = new SourceMap();
    map.set('volumes', pos(9));
    expect(map.get('services.web')).toBeUndefined();
  });

  it('copies a subtree to another path, leaving look-alike siblings alone', () => {
    const from = new SourceMap();
    from.set('services.web', pos(2));
    from.set('services.web.image', pos(3));
    from.set('services.webapp', pos(7));
    const to = new SourceMap();
    to.copyTree(from, 'services.web', 'services.front');
    expect(to.exact('services.front')).toEqual(pos(2));
    expect(to.exact('services.front.image')).toEqual(pos(3));
    expect(to.exact('services.frontapp')).toBeUndefined();
    expect(to.size).toBe(2);
  });

  it('keeps positions from several files apart', () => {
    const map = new SourceMap();
    const other = new SourceMap();
    map.set('services.web.image', pos(3));
    other.set('services.web.image', pos(8, 12, '/p/override.yaml'));
    map.addAll(other);
    expect(map.get('services.web.image')).toEqual(pos(8, 12, '/p/override.yaml'));
  });
});
