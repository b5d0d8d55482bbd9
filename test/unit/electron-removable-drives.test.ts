import { describe, expect, it } from 'vitest';
import {
  WINDOWS_REMOVABLE_DISKS_SCRIPT,
  decodeMountField,
  listRemovableDrives,
  macVolumes,
  parseLinuxMounts,
  parseWindowsRemovableDisks,
  type DriveProbe,
} from '../../electron/main/removable-drives.js';

// A laptop with its system disk, tmpfs/cgroup noise, an SD card auto-mounted by udisks
// (label with a space), a USB stick under /run/media, a card mounted by hand under /mnt,
// a Windows partition on the internal disk, and WSL-style drvfs.
const PROC_MOUNTS = `sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0
proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0
/dev/nvme0n1p2 / ext4 rw,relatime,errors=remount-ro 0 0
tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=1621456k,mode=755 0 0
/dev/nvme0n1p1 /boot/efi vfat rw,relatime,fmask=0077,dmask=0077,codepage=437 0 0
/dev/mmcblk0p1 /media/ana/ROBOT\\040SD vfat rw,nosuid,nodev,relatime,uid=1000,gid=1000,fmask=0022,dmask=0022,shortname=mixed,showexec,utf8,flush,errors=remount-ro 0 0
/dev/sdb1 /run/media/ana/STICK exfat rw,nosuid,nodev,relatime,uid=1000,gid=1000 0 0
/dev/sdc1 /mnt/card fuseblk rw,nosuid,nodev,relatime,user_id=0,group_id=0,allow_other,blksize=4096 0 0
/dev/nvme0n1p3 /media/ana/Windows ntfs3 rw,relatime,uid=1000,gid=1000 0 0
/dev/sdd1 /media/ana/BACKUP ext4 rw,nosuid,nodev,relatime 0 0
drvfs /mnt/c 9p rw,noatime,dirsync,aname=drvfs 0 0
/dev/sde1 /mnt vfat rw,relatime 0 0
`;

describe('Linux removable drives (/proc/mounts)', () => {
  it('lists the SD card, the USB stick and the hand-mounted card, with readable names', () => {
    const drives = parseLinuxMounts(PROC_MOUNTS);
    expect(drives).toEqual([
      { path: '/media/ana/ROBOT SD', label: 'ROBOT SD' },
      { path: '/run/media/ana/STICK', label: 'STICK' },
      { path: '/mnt/card', label: 'card' },
      { path: '/media/ana/Windows', label: 'Windows' },
    ]);
  });

  it('leaves out the system disk, the EFI partition, Linux-formatted disks and /mnt itself', () => {
    const paths = parseLinuxMounts(PROC_MOUNTS).map((d) => d.path);
    expect(paths).not.toContain('/');
    expect(paths).not.toContain('/boot/efi');
    expect(paths).not.toContain('/media/ana/BACKUP');
    expect(paths).not.toContain('/mnt/c');
    expect(paths).not.toContain('/mnt');
  });

  it('decodes the octal escapes the kernel uses for spaces, tabs and backslashes', () => {
    // Non-ASCII names arrive as UTF-8 text; only the separators are escaped.
    expect(decodeMountField('/media/ana/Cartão\\040SD')).toBe('/media/ana/Cartão SD');
    expect(decodeMountField('a\\011b\\134c')).toBe('a\tb\\c');
  });

  it('lists a drive mounted twice only once, and survives an empty file', () => {
    const twice = `/dev/sdb1 /media/ana/SD vfat rw 0 0\n/dev/sdb1 /media/ana/SD vfat rw 0 0\n`;
    expect(parseLinuxMounts(twice)).toHaveLength(1);
    expect(parseLinuxMounts('')).toEqual([]);
  });
});

describe('macOS removable drives (/Volumes)', () => {
  it('lists every volume except the boot volume and hidden system entries', () => {
    expect(
      macVolumes([
        { name: 'Macintosh HD', realPath: '/' },
        { name: 'ROBOT_SD', realPath: '/Volumes/ROBOT_SD' },
        { name: 'Untitled', realPath: '/Volumes/Untitled' },
        { name: '.timemachine', realPath: '/Volumes/.timemachine' },
        { name: 'com.apple.TimeMachine.localsnapshots', realPath: '/Volumes/com.apple.TM' },
      ]),
    ).toEqual([
      { path: '/Volumes/ROBOT_SD', label: 'ROBOT_SD' },
      { path: '/Volumes/Untitled', label: 'Untitled' },
    ]);
  });
});

describe('Windows removable drives (PowerShell Win32_LogicalDisk)', () => {
  it('reads one drive (PowerShell prints a bare object for a single result)', () => {
    expect(
      parseWindowsRemovableDisks('{"DeviceID":"E:","VolumeName":"ROBOT_SD","Size":31914983424}'),
    ).toEqual([{ path: 'E:\\', label: 'ROBOT_SD (E:)' }]);
  });

  it('reads several drives, names the unnamed one by its letter, skips empty card readers', () => {
    const output =
      '\uFEFF[{"DeviceID":"E:","VolumeName":"","Size":15931539456},' +
      '{"DeviceID":"F:","VolumeName":"CARTÃO","Size":62243848192},' +
      '{"DeviceID":"G:","VolumeName":null,"Size":null}]\r\n';
    expect(parseWindowsRemovableDisks(output)).toEqual([
      { path: 'E:\\', label: 'E:' },
      { path: 'F:\\', label: 'CARTÃO (F:)' },
    ]);
  });

  it('gives no drives for empty or garbled output instead of failing the import screen', () => {
    expect(parseWindowsRemovableDisks('')).toEqual([]);
    expect(parseWindowsRemovableDisks('\r\n')).toEqual([]);
    expect(parseWindowsRemovableDisks('Get-CimInstance : Access denied')).toEqual([]);
    expect(parseWindowsRemovableDisks('[{"DeviceID":"../x","Size":1}]')).toEqual([]);
  });
});

describe('listRemovableDrives', () => {
  function probe(overrides: Partial<DriveProbe>): DriveProbe & { runs: unknown[][] } {
    const runs: unknown[][] = [];
    return {
      runs,
      readText: () => Promise.reject(new Error('unexpected readText')),
      listDir: () => Promise.reject(new Error('unexpected listDir')),
      realPath: () => Promise.reject(new Error('unexpected realPath')),
      run: (...args) => {
        runs.push(args);
        return Promise.resolve('');
      },
      ...overrides,
    };
  }

  it('reads /proc/mounts on Linux', async () => {
    const drives = await listRemovableDrives(
      'linux',
      probe({ readText: (file) => Promise.resolve(file === '/proc/mounts' ? PROC_MOUNTS : '') }),
    );
    expect(drives.map((d) => d.label)).toContain('ROBOT SD');
  });

  it('resolves /Volumes entries on macOS and skips a volume ejected meanwhile', async () => {
    const drives = await listRemovableDrives(
      'darwin',
      probe({
        listDir: () => Promise.resolve(['Macintosh HD', 'SD', 'Gone']),
        realPath: (file) =>
          file === '/Volumes/Macintosh HD'
            ? Promise.resolve('/')
            : file === '/Volumes/Gone'
              ? Promise.reject(new Error('ENOENT'))
              : Promise.resolve(file),
      }),
    );
    expect(drives).toEqual([{ path: '/Volumes/SD', label: 'SD' }]);
  });

  it('asks PowerShell without a shell and with a timeout on Windows', async () => {
    const p = probe({});
    p.run = (...args) => {
      p.runs.push(args);
      return Promise.resolve('{"DeviceID":"E:","VolumeName":"SD","Size":1}');
    };
    expect(await listRemovableDrives('win32', p)).toEqual([{ path: 'E:\\', label: 'SD (E:)' }]);
    const [program, args, timeout] = p.runs[0] as [string, string[], number];
    expect(program).toBe('powershell.exe');
    expect(args).toContain(WINDOWS_REMOVABLE_DISKS_SCRIPT);
    expect(WINDOWS_REMOVABLE_DISKS_SCRIPT).toContain('DriveType=2');
    expect(timeout).toBeGreaterThan(0);
  });
});
