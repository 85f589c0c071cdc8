#!/usr/bin/env bash
# The GPU machine's whole session, in the order that matters (run there, after scripts/gpu-pack.sh
# here; the device tool carries .gpu): the end-to-end check (train → export → verify on webgpu,
# the same run on cpu), Fig. 6 on Fashion-MNIST at 56×56×6 (each arm within 200 s), the step
# benchmark against PyTorch, then Figs. 3 and 4 at the paper's size with the calibrated reading
# until the deadline. Everything lands under $OUT.
#   bash scripts/gpu-session.sh [SECONDS]     (default 540: the whole call, figures last)
set -uo pipefail
cd "$(dirname "$0")/.."
budget=${1:-540}
t0=$(date +%s)
bash .gpu/run.sh gpu-figures.mjs check --only e2e > "$OUT/e2e.log" 2>&1
echo "e2e rc=$?"; grep -E "^(ok|FAIL)|gpu-check:" "$OUT/e2e.log"
# Fig. 6 on Fashion-MNIST at 56×56×6 (issue 15, item 4: the grid this CPU cannot train), one arm a
# call so that a slow arm still leaves the other's JSON: fig6-fmnist-56x56x6-{with,without}-csyn.json.
for arm in with without; do
  timeout 200 bash .gpu/run.sh gpu-figures.mjs fig6 --grid 56,56,6 --only "$arm" > "$OUT/fig6-$arm.log" 2>&1
  echo "fig6 $arm rc=$?"; grep -E "^(backend|grid|with-csyn|without-csyn):" "$OUT/fig6-$arm.log"
done
bash .gpu/run.sh gpu-figures.mjs train-step --S 5000 --B 64,128,4000 --backends webgpu --variants +wgsl --seconds 2 --json > "$OUT/train-step.log" 2>&1
grep -E "^(webgpu|pytorch)" "$OUT/train-step.log"
left=$((budget - 20 - $(date +%s) + t0))
echo "figures: deadline ${left} s"
bash .gpu/run.sh gpu-figures.mjs --deadline "$left" --out /tmp/urn-figures > "$OUT/figures.log" 2>&1
echo "figures rc=$?"; grep -E "^(seed [0-9]+:|mean|within|one hidden|gpu-figures)" "$OUT/figures.log"
grep -c "validation" "$OUT/figures.log" | sed 's/^/device validation messages: /'
