import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** What `diagnoseVulkan` may look at (the real file system and environment by default). */
export interface VulkanProbe {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  /** File names in a folder; [] when it does not exist. */
  list(dir: string): string[];
  /** A text file's content; '' when it does not exist. */
  read(path: string): string;
}

/** The loader's file name, and the folders the dynamic linker searches on Debian-like systems. */
const LOADER = 'libvulkan.so.1';
const LIB_DIRS = ['/lib/x86_64-linux-gnu', '/usr/lib/x86_64-linux-gnu', '/lib64', '/usr/lib64', '/lib', '/usr/lib', '/usr/local/lib'];
const ICD_DIRS = ['/etc/vulkan/icd.d', '/usr/share/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

const safe = <T>(fn: () => T, fallback: T): T => {
  try {
    return fn();
  } catch {
    return fallback;
  }
};

/** The file system and environment of this process. */
export const hostProbe: VulkanProbe = {
  env: process.env,
  exists: existsSync,
  list: (dir) => safe(() => readdirSync(dir), []),
  read: (path) => safe(() => readFileSync(path, 'utf8'), ''),
};

const paths = (v: string | undefined): string[] => (v ?? '').split(':').filter(Boolean);

/** Folders named in /etc/ld.so.conf.d/*.conf (one per line, comments and includes skipped). */
function ldConfDirs(p: VulkanProbe): string[] {
  const dir = '/etc/ld.so.conf.d';
  return p.list(dir).filter((f) => f.endsWith('.conf')).flatMap((f) =>
    p.read(join(dir, f)).split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/')),
  );
}

/** Where the Vulkan loader is, or null. */
export function findVulkanLoader(p: VulkanProbe = hostProbe): string | null {
  const dirs = [...paths(p.env.LD_LIBRARY_PATH), ...ldConfDirs(p), ...LIB_DIRS];
  return dirs.map((d) => join(d, LOADER)).find((f) => p.exists(f)) ?? null;
}

/** The driver manifests (ICD JSON files) the loader would read, as the loader finds them. */
export function findVulkanDrivers(p: VulkanProbe = hostProbe): string[] {
  const explicit = paths(p.env.VK_DRIVER_FILES ?? p.env.VK_ICD_FILENAMES);
  if (explicit.length) return explicit.filter((f) => p.exists(f));
  const data = [
    ...(p.env.XDG_CONFIG_DIRS ? paths(p.env.XDG_CONFIG_DIRS).map((d) => join(d, 'vulkan/icd.d')) : []),
    ...ICD_DIRS,
    ...paths(p.env.XDG_DATA_DIRS).map((d) => join(d, 'vulkan/icd.d')),
    join(p.env.HOME ?? homedir(), '.local/share/vulkan/icd.d'),
  ];
  const found = [...new Set(data)].flatMap((d) => p.list(d).filter((f) => f.endsWith('.json')).map((f) => join(d, f)));
  return [...found, ...paths(p.env.VK_ADD_DRIVER_FILES).filter((f) => p.exists(f))];
}

/** The NVIDIA kernel driver's version line, or null when it is not loaded. */
export function nvidiaDriver(p: VulkanProbe = hostProbe): string | null {
  const v = p.read('/proc/driver/nvidia/version');
  const m = /Kernel Module\s+(?:for \S+\s+)?([\d.]+)/.exec(v);
  return v ? (m ? `NVIDIA driver ${m[1]}` : 'NVIDIA driver') : null;
}

/**
 * Why Dawn cannot have a Vulkan adapter here, or null when the loader and at least one driver
 * manifest are present (Dawn may still find no adapter: its caller says so). Names what is
 * missing and how to get it.
 *
 * ```ts
 * diagnoseVulkan(); // 'no Vulkan loader (libvulkan.so.1): apt-get install libvulkan1' on a bare machine
 * ```
 */
export function diagnoseVulkan(p: VulkanProbe = hostProbe): string | null {
  const gpu = nvidiaDriver(p);
  if (!findVulkanLoader(p)) {
    return `no Vulkan loader (${LOADER}; apt-get install libvulkan1)${gpu ? `, although the ${gpu} is loaded` : ''}`;
  }
  if (findVulkanDrivers(p).length === 0) {
    const where = p.env.VK_DRIVER_FILES ?? p.env.VK_ICD_FILENAMES ?? ICD_DIRS.join(', ');
    const hint = gpu ? `the ${gpu} is loaded: point VK_DRIVER_FILES at its nvidia_icd.json` : 'no GPU driver is loaded (/proc/driver/nvidia/version is absent)';
    return `no Vulkan driver (no ICD manifest in ${where}; ${hint})`;
  }
  return null;
}
