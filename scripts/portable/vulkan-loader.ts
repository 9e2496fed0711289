import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The Vulkan loader (`libvulkan.so.1`, Debian's `libvulkan1` for amd64) into `lib`, and its
 * copyright file into `licences`: Dawn opens it by name, and GPU servers often lack it. Downloaded
 * with `apt-get download` (no root needed) and unpacked with `dpkg-deb`; returns the package's version.
 */
export function addVulkanLoader(lib: string, licences: string): string {
  const work = mkdtempSync(join(tmpdir(), 'rxtrain-vulkan-'));
  try {
    execFileSync('apt-get', ['download', 'libvulkan1:amd64'], { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });
    const deb = readdirSync(work).find((file) => file.endsWith('.deb'));
    if (deb === undefined) throw new Error('portable build: apt-get download libvulkan1 left no .deb');
    const version = execFileSync('dpkg-deb', ['--field', join(work, deb), 'Version'], { encoding: 'utf8' }).trim();
    const tree = join(work, 'tree');
    execFileSync('dpkg-deb', ['-x', join(work, deb), tree]);
    mkdirSync(lib, { recursive: true });
    mkdirSync(licences, { recursive: true });
    copyFileSync(realpathSync(join(tree, 'usr/lib/x86_64-linux-gnu/libvulkan.so.1')), join(lib, 'libvulkan.so.1'));
    copyFileSync(join(tree, 'usr/share/doc/libvulkan1/copyright'), join(licences, 'libvulkan1.copyright'));
    return version;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
