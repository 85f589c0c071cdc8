/**
 * The free variables doc examples use by convention, with their types. An example may use these
 * without declaring them; any other unknown name fails the doc-example test, so a renamed or
 * removed function cannot hide here. Keep it to placeholders for data, never API names.
 */
export const PRELUDE: Record<string, string> = {
  // the URN and its snapshot
  snap: 'Snapshot',
  snapshot: 'Snapshot',
  cfg: 'UrnConfig',
  config: 'UrnConfig',
  model: 'any', // a UrnModel or a SparseModel, by context
  W: 'any', // typed array or tensor, by context
  b: 'any',
  coords: 'any',
  S: 'number',
  I: 'number',
  dOut: 'number',
  K: 'number',
  B: 'number',
  // data
  data: 'any', // a Dataset or a report's data
  x: 'any',
  y: 'any',
  n: 'number',
  bytes: 'any',
  // graphs and CSR
  csr: 'TopologyCsr',
  graph: 'TopologyGraph',
  // indices and scalars
  i: 'number',
  j: 'number',
  k: 'number',
  t: 'number',
  s: 'number',
  m: 'number',
  roles: 'Uint8Array',
  v: 'any',
  p: 'any',
  o: 'any',
  // everything else an example stands in for
  ...Object.fromEntries(
    (
      'fail failer manifest view lay ckpt state order gW gb adam addon yOneHot block out full active net history runDir cN keep task ' +
      'flags keptNeurons beta gamma dir images labels samples layered replay unrolled kept sparse offset manifestBytes record dataBytes table ' +
      'frozen viewConfig seed score free recruitedBy grid png summary figures fig ticks entry metrics rows err scale logits sparseLogits next cur ' +
      'mb nodeCoords tape act ev backend M N slots hyper fallback cW states options x3d sizeVar rng outgoing before validation tasks values ' +
      'moments adapted original z after U Rt opts L buf start tensors ' +
      'series epoch accuracy dLogits neuronIds gate take layerOf request prev r spec dIn layout timeline sub ' +
      'points results result jobs sweepId sweepDir trial text id'
    )
      .split(' ')
      .map((n) => [n, 'any']),
  ),
};

/** Imports every example gets (unless it imports the same names itself). */
export const PRELUDE_IMPORTS = [
  "import { readFileSync, writeFileSync } from 'node:fs';",
  "import { join } from 'node:path';",
  "import { scaleLinear, scaleLog } from 'd3-scale';",
  "import { tf } from '../../src/train/tf.js';",
];
