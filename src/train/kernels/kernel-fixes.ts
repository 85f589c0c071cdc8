import { tf } from '../tf.js';

/** A corrected kernel, made from the stock one it replaces (which it may call). */
export type KernelFix = (stock: tf.KernelConfig) => tf.KernelFunc;

/** Register or put back one backend's corrected kernels. */
export interface KernelFixes {
  /** Register every fix whose stock kernel exists, in its place; idempotent; the names now fixed. */
  install(): string[];
  /** Put back the stock kernels, all or the named ones. */
  uninstall(names?: string[]): void;
}

/**
 * The registry of one backend's kernel fixes: a backend quirk is fixed by a registered kernel
 * (every caller gets it, ops stay backend-agnostic), and the stock kernel is kept to put back.
 *
 * ```ts
 * const fixes = kernelFixes('wasm', { Sign: (stock) => (args) => stock.kernelFunc(args) });
 * fixes.install(); // ['Sign']
 * ```
 */
export function kernelFixes(backend: string, fixes: Record<string, KernelFix>): KernelFixes {
  const installed = new Map<string, tf.KernelConfig>();
  return {
    install() {
      for (const [name, fix] of Object.entries(fixes)) {
        if (installed.has(name)) continue;
        const stock = tf.getKernel(name, backend);
        if (!stock) continue;
        tf.unregisterKernel(name, backend);
        tf.registerKernel({ ...stock, kernelFunc: fix(stock) });
        installed.set(name, stock);
      }
      return [...installed.keys()];
    },
    uninstall(names = [...installed.keys()]) {
      for (const name of names) {
        const stock = installed.get(name);
        if (!stock) continue;
        tf.unregisterKernel(name, backend);
        tf.registerKernel(stock);
        installed.delete(name);
      }
    },
  };
}
