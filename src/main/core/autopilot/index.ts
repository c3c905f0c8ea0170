import { AppError, type DataArea } from '../../../shared/contract';
import type { autopilotChannels } from '../../../shared/contract/autopilot';
import type { Caller, Handlers } from '../router';
import { AutopilotRunner, type RunnerDeps } from './runner';
import { AutopilotScheduler } from './scheduler';
import { WorkflowService } from './workflow-service';

export interface AutopilotModuleDeps extends RunnerDeps {
  /** Older missed occurrences are logged as skipped (default 6 hours). */
  catchUpMs?: number;
  /** Workflows or their run log changed (and, for a run, sends and credits): the screens showing these areas refresh. */
  changed(areas: readonly DataArea[]): void;
  logError(message: string, error: unknown): void;
}

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** Autopilot: workflows, the runner that fires them in main, and the `autopilot.*` handlers. */
export function createAutopilotModule(deps: AutopilotModuleDeps) {
  const runner = new AutopilotRunner({ ...deps });
  const workflows = new WorkflowService({ ...deps, runner });
  const scheduler = new AutopilotScheduler(() => runner.runDue(), deps.logError);
  const afterChange = <T>(value: T): T => {
    deps.changed(['autopilot']);
    scheduler.kick();
    return value;
  };

  const handlers: Pick<Handlers, keyof typeof autopilotChannels> = {
    'autopilot.list': () => workflows.list(),
    'autopilot.save': async (input, ctx) => afterChange(await workflows.save(input, signedIn(ctx.caller).staffId)),
    'autopilot.setEnabled': async (input, ctx) => afterChange(await workflows.setEnabled(input.id, input.enabled, signedIn(ctx.caller).staffId)),
    'autopilot.remove': async (input) => afterChange({ removed: await workflows.remove(input.id) }),
    'autopilot.runs': (input) => workflows.runs(input.id),
    'autopilot.preview': (input) => workflows.preview(input),
  };

  return { handlers, runner, workflows, scheduler };
}
