import { spawnSync } from 'node:child_process';

/**
 * The URN training step of bench/train-step.ts in PyTorch (kept here as text, so that a bundle of
 * the benchmark for the GPU machine carries it): python3 -c TORCH_STEP S B I D_IN SECONDS.
 */
export const TORCH_STEP = String.raw`# The URN training step of bench/train-step.ts in PyTorch, as a baseline timed in the same run:
#   python3 -c "$TORCH_STEP" S B I D_IN SECONDS   (argv[1..5])
# Same loss (cross-entropy + cW·Σ|W| + cN/B·Σ|N|, cW = cN = 1e-6), relu, plain rule, Adam; fp32
# with TF32 off. Prints one JSON line: {"ms": ..., "steps": ..., "torch": ..., "gpu": ...} or
# {"skip": "why"}.
import json, sys, time
try:
    import torch
except Exception as e:  # no torch: the benchmark prints the reason
    print(json.dumps({'skip': f'python3 has no torch ({type(e).__name__})'})); sys.exit(0)
if not torch.cuda.is_available():
    print(json.dumps({'skip': f'torch {torch.__version__} sees no CUDA device'})); sys.exit(0)
S, B, I, D_IN, SECONDS = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
torch.backends.cuda.matmul.allow_tf32 = False
torch.backends.cudnn.allow_tf32 = False
dev = 'cuda'
torch.manual_seed(1)
W = (torch.randn(S, S, device=dev) * (2 / S) ** 0.5).requires_grad_()
b = torch.zeros(S, device=dev, requires_grad=True)
x = torch.randn(B, D_IN, device=dev)
y = torch.arange(B, device=dev) % 2
xp = torch.nn.functional.pad(x, (0, S - D_IN))
opt = torch.optim.Adam([W, b], lr=1e-3, eps=1e-7)
def step():
    opt.zero_grad(set_to_none=True)
    N, act = xp, 0
    for _ in range(I):
        N = torch.relu(N @ W.T + b)
        act = act + N.abs().sum()
    loss = torch.nn.functional.cross_entropy(N[:, S - 2:], y) + 1e-6 * W.abs().sum() + 1e-6 / B * act
    loss.backward()
    opt.step()
    return loss
step(); torch.cuda.synchronize()
times = []
t0 = time.perf_counter()
while len(times) < 3 or (time.perf_counter() - t0 < SECONDS and len(times) < 50):
    ts = time.perf_counter(); step().item(); times.append((time.perf_counter() - ts) * 1e3)
times.sort()
print(json.dumps({'ms': times[len(times) // 2], 'steps': len(times), 'torch': torch.__version__, 'gpu': torch.cuda.get_device_name(0)}))
`;

/** PyTorch's time for the same URN step on this machine's GPU, or why there is none. */
export type TorchTiming = { ms: number; steps: number; torch: string; gpu: string } | { skip: string };

/**
 * Time the URN step of train-step in PyTorch (fp32, TF32 off): `{ ms, … }`, or `{ skip }` saying
 * why not (no python3, no torch, no CUDA device).
 *
 * ```ts
 * const t = torchStepMs(5000, 128, 4, 10, 3);
 * ```
 */
export function torchStepMs(S: number, B: number, I: number, dIn: number, seconds: number): TorchTiming {
  const p = spawnSync('python3', ['-c', TORCH_STEP, String(S), String(B), String(I), String(dIn), String(seconds)], { encoding: 'utf8', timeout: 600_000 });
  if (p.error) return { skip: `python3 not found (${p.error.message})` };
  const last = p.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(last) as TorchTiming;
  } catch {
    return { skip: `the PyTorch step failed: ${(p.stderr || last).trim().split('\n').pop()}` };
  }
}
