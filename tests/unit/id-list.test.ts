import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { idList } from '../../src/db/hot-sql.js';

describe('idList', () => {
  it('pads a list to a power of two with its last id, so every bulk size (1 to 500) is one of ten statements', () => {
    const shapes = new Set<string>();
    for (let size = 1; size <= 500; size += 1) {
      const ids = Array.from({ length: size }, (_, i) => 1000 + i);
      const list = idList(ids);
      const length = list.values.length;
      assert.equal(length & (length - 1), 0, `${size} ids made ${length} values`);
      assert.ok(length >= size && length < 2 * size, `${size} ids made ${length} values`);
      assert.deepEqual(list.values, [...ids, ...Array.from({ length: length - size }, () => ids.at(-1))]);
      shapes.add(list.sql);
    }
    assert.equal(shapes.size, 10);
  });
});
