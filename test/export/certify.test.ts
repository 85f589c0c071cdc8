import { test } from 'node:test';
import assert from 'node:assert/strict';
import { meetsRule, ruleError } from '../../src/export/certify.js';

test('a rule reads the error its measure names, and needs both the tolerance and the agreement', () => {
  const c = { maxAbsError: 0.5, maxRelError: 0.01, argmaxAgreement: 0.99 };
  assert.equal(ruleError(c, 'relative'), 0.01);
  assert.equal(ruleError(c, 'absolute'), 0.5);
  assert.equal(meetsRule(c, { measure: 'relative', tolerance: 0.01, minAgreement: 0.99 }), true, 'both bounds are inclusive');
  assert.equal(meetsRule(c, { measure: 'absolute', tolerance: 0.1, minAgreement: 0.9 }), false);
  assert.equal(meetsRule(c, { measure: 'relative', tolerance: 0.1, minAgreement: 1 }), false);
  assert.equal(meetsRule({ ...c, maxRelError: Infinity }, { measure: 'relative', tolerance: 1e9, minAgreement: 0 }), false);
});
