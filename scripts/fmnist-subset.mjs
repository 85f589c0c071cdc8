// Write the first N_TRAIN training and N_TEST test images of Fashion-MNIST (with their labels)
// as gzipped IDX files under the same names, for a machine that has not the dataset (the GPU
// machine: scripts/gpu-pack.sh puts them in .gpu/fashion-mnist, within its 64 MiB).
//   node scripts/fmnist-subset.mjs SRC_DIR DST_DIR N_TRAIN N_TEST
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';

const [src, dst, nTrain, nTest] = process.argv.slice(2);
if (!src || !dst || !(Number(nTrain) > 0) || !(Number(nTest) > 0)) {
  console.error('usage: node scripts/fmnist-subset.mjs SRC_DIR DST_DIR N_TRAIN N_TEST');
  process.exit(2);
}
mkdirSync(dst, { recursive: true });
/** The first n records of an IDX file: its header with the count set to n, then n records. */
function head(name, n) {
  const raw = readFileSync(join(src, `${name}.gz`));
  const idx = gunzipSync(raw);
  const dims = idx[3];
  const count = idx.readUInt32BE(4);
  if (n > count) throw new Error(`${name} holds ${count} records, fewer than ${n}`);
  let record = 1;
  for (let d = 1; d < dims; d++) record *= idx.readUInt32BE(4 + 4 * d);
  const header = Buffer.from(idx.subarray(0, 4 + 4 * dims));
  header.writeUInt32BE(n, 4);
  const body = idx.subarray(header.length, header.length + n * record);
  writeFileSync(join(dst, `${name}.gz`), gzipSync(Buffer.concat([header, body]), { level: 9 }));
}
head('train-images-idx3-ubyte', Number(nTrain));
head('train-labels-idx1-ubyte', Number(nTrain));
head('t10k-images-idx3-ubyte', Number(nTest));
head('t10k-labels-idx1-ubyte', Number(nTest));
