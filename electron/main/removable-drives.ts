/**
 * Mounted removable drives (SD cards, USB sticks) for the import screen, per platform.
 * The parsers are pure so they are tested with captured outputs; only
 * `listRemovableDrives` touches the system, through the injectable `DriveProbe`.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';

export interface RemovableDrive {
  /** Where to import from: the mount point (Linux, macOS) or the drive root (`E:\`). */
  path: string;
  /** What the inspector recognizes: the volume name, else the mount folder or letter. */
  label: string;
}

/** File systems cameras and robots write; system disks use ext4/btrfs/apfs/ntfs on fixed disks. */
const REMOVABLE_FILESYSTEMS = new Set(['vfat', 'msdos', 'exfat', 'ntfs', 'ntfs3', 'fuseblk']);

/** Where udisks (desktop auto-mount) and people put removable media. */
const LINUX_MEDIA_ROOTS = ['/media/', '/run/media/', '/mnt/'];

/** `/proc/mounts` escapes space, tab, newline and backslash as octal (`\040`). */
export function decodeMountField(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/** Removable drives in the text of Linux's `/proc/mounts`. */
export function parseLinuxMounts(procMounts: string): RemovableDrive[] {
  const drives: RemovableDrive[] = [];
  const seen = new Set<string>();
  for (const line of procMounts.split('\n')) {
    const [device, rawMountPoint, fsType] = line.trim().split(/\s+/);
    if (!device || !rawMountPoint || !fsType) continue;
    if (!REMOVABLE_FILESYSTEMS.has(fsType)) continue;
    const mountPoint = decodeMountField(rawMountPoint);
    const root = LINUX_MEDIA_ROOTS.find((prefix) => mountPoint.startsWith(prefix));
    // The root itself (`/mnt`) is not a drive; a folder below it is.
    if (!root || mountPoint.length <= root.length || seen.has(mountPoint)) continue;
    seen.add(mountPoint);
    drives.push({ path: mountPoint, label: path.posix.basename(mountPoint) });
  }
  return drives;
}

export interface MacVolumeEntry {
  /** Name under /Volumes. */
  name: string;
  /** Where it resolves to; the boot volume is a link to `/`. */
  realPath: string;
}

/** Removable candidates among `/Volumes` entries: everything but the boot volume and system folders. */
export function macVolumes(entries: MacVolumeEntry[]): RemovableDrive[] {
  return entries
    .filter(
      (entry) =>
        entry.realPath !== '/' &&
        !entry.name.startsWith('.') &&
        !entry.name.startsWith('com.apple.'),
    )
    .map((entry) => ({ path: path.posix.join('/Volumes', entry.name), label: entry.name }));
}

/**
 * Lists removable logical disks (DriveType 2) as JSON. `Size` is empty for a card reader
 * without a card in it, which is not something to import from. UTF-8 keeps accented
 * volume names intact.
 */
export const WINDOWS_REMOVABLE_DISKS_SCRIPT =
  '[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; ' +
  "Get-CimInstance -ClassName Win32_LogicalDisk -Filter 'DriveType=2' | " +
  'Select-Object DeviceID, VolumeName, Size | ConvertTo-Json -Compress';

interface LogicalDisk {
  DeviceID?: unknown;
  VolumeName?: unknown;
  Size?: unknown;
}

/** Removable drives in the output of `WINDOWS_REMOVABLE_DISKS_SCRIPT` (one object, an array, or nothing). */
export function parseWindowsRemovableDisks(output: string): RemovableDrive[] {
  const text = output.replace(/^\uFEFF/, '').trim();
  if (text === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const disks: LogicalDisk[] = (Array.isArray(parsed) ? parsed : [parsed]).filter(
    (d): d is LogicalDisk => typeof d === 'object' && d !== null,
  );
  const drives: RemovableDrive[] = [];
  for (const disk of disks) {
    const id = typeof disk.DeviceID === 'string' ? disk.DeviceID.trim() : '';
    if (!/^[A-Za-z]:$/.test(id)) continue;
    if (disk.Size === null || disk.Size === undefined || disk.Size === 0) continue;
    const name = typeof disk.VolumeName === 'string' ? disk.VolumeName.trim() : '';
    drives.push({ path: `${id.toUpperCase()}\\`, label: name ? `${name} (${id})` : id });
  }
  return drives;
}

/** The system calls `listRemovableDrives` makes; tests swap them. */
export interface DriveProbe {
  readText(file: string): Promise<string>;
  listDir(dir: string): Promise<string[]>;
  realPath(file: string): Promise<string>;
  /** Runs a program without a shell and returns its stdout. */
  run(program: string, args: string[], timeoutMs: number): Promise<string>;
}

export const systemDriveProbe: DriveProbe = {
  readText: (file) => readFile(file, 'utf8'),
  listDir: (dir) => readdir(dir),
  realPath: (file) => realpath(file),
  run: (program, args, timeoutMs) =>
    new Promise((resolve, reject) => {
      execFile(
        program,
        args,
        { timeout: timeoutMs, windowsHide: true, encoding: 'utf8', maxBuffer: 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    }),
};

/** PowerShell starts slowly on a cold laptop; past this the import screen shows no drives. */
export const WINDOWS_PROBE_TIMEOUT_MS = 8000;

/** Mounted removable drives on this machine; an empty list when they cannot be determined. */
export async function listRemovableDrives(
  platform: NodeJS.Platform = process.platform,
  probe: DriveProbe = systemDriveProbe,
): Promise<RemovableDrive[]> {
  switch (platform) {
    case 'linux':
      return parseLinuxMounts(await probe.readText('/proc/mounts'));
    case 'darwin': {
      const names = await probe.listDir('/Volumes');
      const entries = await Promise.all(
        names.map(async (name): Promise<MacVolumeEntry | null> => {
          try {
            return { name, realPath: await probe.realPath(path.posix.join('/Volumes', name)) };
          } catch {
            return null; // ejected while we looked
          }
        }),
      );
      return macVolumes(entries.filter((entry) => entry !== null));
    }
    case 'win32':
      return parseWindowsRemovableDisks(
        await probe.run(
          'powershell.exe',
          ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_REMOVABLE_DISKS_SCRIPT],
          WINDOWS_PROBE_TIMEOUT_MS,
        ),
      );
    default:
      return [];
  }
}
