import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnoseVulkan, findVulkanDrivers, findVulkanLoader, nvidiaDriver, type VulkanProbe } from '../../../src/train/webgpu/vulkan.js';

/** A probe over an imaginary file system: `files` maps paths to contents. */
function fake(files: Record<string, string>, env: Record<string, string> = {}): VulkanProbe {
  return {
    env: { HOME: '/root', ...env },
    exists: (p) => p in files,
    list: (d) => Object.keys(files).filter((p) => p.startsWith(`${d}/`) && !p.slice(d.length + 1).includes('/')).map((p) => p.slice(d.length + 1)),
    read: (p) => files[p] ?? '',
  };
}

const NVIDIA = { '/proc/driver/nvidia/version': 'NVRM version: NVIDIA UNIX x86_64 Kernel Module  580.159  Tue Nov 4 2026\n' };
const LOADER = { '/usr/lib/x86_64-linux-gnu/libvulkan.so.1': '' };

test('a bare machine lacks the Vulkan loader, and the reason says how to get it', () => {
  const why = diagnoseVulkan(fake({}));
  assert.match(why!, /no Vulkan loader \(libvulkan\.so\.1; apt-get install libvulkan1\)$/);
});

test('with the NVIDIA driver loaded but no loader, the reason names the driver', () => {
  assert.match(diagnoseVulkan(fake(NVIDIA))!, /no Vulkan loader.*NVIDIA driver 580\.159/);
  assert.equal(nvidiaDriver(fake(NVIDIA)), 'NVIDIA driver 580.159');
});

test('a loader without any driver manifest: no Vulkan driver, and where it looked', () => {
  const why = diagnoseVulkan(fake(LOADER))!;
  assert.match(why, /^no Vulkan driver \(no ICD manifest in .*\/usr\/share\/vulkan\/icd\.d.*no GPU driver is loaded/);
  assert.match(diagnoseVulkan(fake({ ...LOADER, ...NVIDIA }))!, /VK_DRIVER_FILES/);
});

test('the loader is found on LD_LIBRARY_PATH and through ld.so.conf.d', () => {
  assert.equal(findVulkanLoader(fake({ '/opt/vk/libvulkan.so.1': '' }, { LD_LIBRARY_PATH: '/opt/x:/opt/vk' })), '/opt/vk/libvulkan.so.1');
  const conf = { '/etc/ld.so.conf.d/vk.conf': '# vulkan\n/srv/lib\n', '/srv/lib/libvulkan.so.1': '' };
  assert.equal(findVulkanLoader(fake(conf)), '/srv/lib/libvulkan.so.1');
});

test('VK_DRIVER_FILES replaces the search; the GPU machine setup passes the diagnosis', () => {
  const icd = '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json';
  const probe = fake({ ...LOADER, ...NVIDIA, [icd]: '{}', '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json': '{}' }, { VK_DRIVER_FILES: icd });
  assert.deepEqual(findVulkanDrivers(probe), [icd]);
  assert.equal(diagnoseVulkan(probe), null);
  const searched = fake({ ...LOADER, '/usr/share/vulkan/icd.d/lvp_icd.x86_64.json': '{}', '/usr/share/vulkan/icd.d/readme.txt': '' });
  assert.deepEqual(findVulkanDrivers(searched), ['/usr/share/vulkan/icd.d/lvp_icd.x86_64.json']);
  assert.equal(diagnoseVulkan(searched), null);
});
