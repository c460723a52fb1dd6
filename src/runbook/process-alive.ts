/**
 * Whether a process with this id runs now on this host (signal 0 only checks). Journals record
 * their session's pid: one whose process still runs belongs to a session open now, not ended.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether a journal's session (its recorded pid) is another session still running now. Pid 1 is
 * init (or a container's entry process), always alive, so it tells nothing: taken as ended.
 */
export function otherSessionRunning(pid: number | undefined): boolean {
  return pid !== undefined && pid > 1 && pid !== process.pid && processAlive(pid);
}
