import { test } from 'node:test';
import assert from 'node:assert/strict';
import { timelineHeader } from '../../src/cli/commands/timeline.js';
import type { TimelineEntry } from '../../src/topology/timeline.js';

const entry = (rule: TimelineEntry['threshold']['rule'], value: number) => ({ threshold: { rule, value } }) as TimelineEntry;

test('urn timeline says which fixed threshold its entries were measured at, and that it is not verified', () => {
  const rel = timelineHeader([entry({ relative: 0.01 }, 0.02), entry({ relative: 0.01 }, 0.03)]);
  assert.match(rel, /^structure at \|W_ij\| > 1% of max\|W\| \(fixed during training, not verified/);
  assert.match(rel, /urn analyze RUN/);
  assert.match(timelineHeader([entry(0.005, 0.005)]), /^structure at \|W_ij\| > 0\.005 /);
  assert.match(timelineHeader([entry({ relative: 0.01 }, 1), entry(0, 0)]), /1% of max\|W\|, \|W_ij\| > 0 /);
});
