/**
 * `SMS_DESK_AUTOPILOT_CATCH_UP_HOURS`: how late an Autopilot run may still go out after the desk
 * was closed when it fell due (default 6 hours; older runs are logged as skipped).
 */
export function autopilotEnvOptions(env: NodeJS.ProcessEnv): { catchUpMs?: number } {
  const hours = Number(env['SMS_DESK_AUTOPILOT_CATCH_UP_HOURS'] ?? '');
  return Number.isFinite(hours) && hours > 0 ? { catchUpMs: hours * 3_600_000 } : {};
}
