#!/usr/bin/env bash
# Pack the GPU machine's run of this project (bench/gpu-figures.ts, which also runs
# bench/gpu-check.ts as `gpu-figures.mjs check`, and the sweep's trial child) with
# ../shared/gpu/pack.sh, then shrink .gpu/ under the 64 MiB the tree may take there: the bundles
# lose whitespace (identifiers kept: error names come from them), and tfjs-backend-wasm's .wasm
# files (no device run uses that backend) are left out. resvg stays: the bundle imports it when
# it loads (the figures' PNGs), and without it the bundle dies there before running anything;
# test/bench/gpu-pack.test.ts runs the bundle from a copy of .gpu/ alone to catch that.
#
#   bash scripts/gpu-pack.sh
#   (device) bash .gpu/run.sh gpu-figures.mjs check --only e2e -- gpu-figures.mjs --deadline 480
set -euo pipefail
cd "$(dirname "$0")/.."
# pack.sh records .gpu/ in .git/info/exclude; a clone made without git's templates has no
# .git/info (CI's had none, and pack.sh then failed on that line).
if [ -d .git ]; then mkdir -p .git/info
else echo "gpu-pack: run it in a git clone with a .git folder (pack.sh writes .git/info/exclude)" >&2; exit 2; fi
bash ../shared/gpu/pack.sh bench/gpu-figures.ts src/sweep/trial-main.ts >/dev/null
for f in .gpu/gpu-figures.mjs .gpu/trial-main.mjs; do
  node_modules/.bin/esbuild "$f" --minify-whitespace --minify-syntax --platform=node --format=esm \
    --target=node20 --allow-overwrite --outfile="$f" --log-level=error
done
rm -rf .gpu/node_modules/@tensorflow
# Fashion-MNIST for `gpu-figures.mjs fig6`: the first 8000 training and 3000 test images (4.8 MiB).
fm=/usr/share/datasets/fashion-mnist
if [ -f "$fm/train-images-idx3-ubyte.gz" ]; then node scripts/fmnist-subset.mjs "$fm" .gpu/fashion-mnist 8000 3000
else echo "gpu-pack: no Fashion-MNIST in $fm (apt-get install dataset-fashion-mnist): gpu-figures.mjs fig6 will have no data" >&2; fi
du -sh .gpu | awk '{print "gpu-pack: .gpu is " $1}'
