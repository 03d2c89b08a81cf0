/**
 * Under the local supervisor, a child whose supervisor died (SIGKILL leaves no chance to clean
 * up) notices that it was re-parented and exits, so no orphan keeps a port open.
 */
export function watchSupervisor(onOrphaned: () => Promise<unknown>): void {
  const supervisorPid = Number(process.env.PORTCULLIS_SUPERVISOR_PID);
  if (!supervisorPid) return;
  const timer = setInterval(() => {
    if (process.ppid !== supervisorPid) {
      clearInterval(timer);
      void onOrphaned().finally(() => process.exit(1));
    }
  }, 1000);
  timer.unref();
}
