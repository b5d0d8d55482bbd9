/**
 * Whether a process that left a mark in the library (an import's `runner_pid`, a temp
 * folder named after its pid) still runs. Several shells may share one library (the
 * desktop app, a server, a CLI), so clean-up after a crash must tell a dead process's
 * leftovers from a live one's work in progress.
 */

/** True when `pid` is this process or a process that exists (even one we may not signal). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    // Signal 0 checks existence without sending anything.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
