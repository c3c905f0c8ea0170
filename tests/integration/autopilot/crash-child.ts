/**
 * Autopilot in a process of its own, for the crash test to kill at the worst moments. One look
 * over the workflows at AUTOPILOT_NOW on the database AUTOPILOT_DB; AUTOPILOT_SETUP=1 first makes
 * an opted-in family and a weekly workflow. AUTOPILOT_KILL kills the process (SIGKILL, no clean-up)
 * inside the run's transaction: 'after-queue' once the texts are queued, 'after-claim' once the
 * occurrence is claimed too. Prints "done" when the look ends without a kill.
 */
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { MemorySettingsStore } from '../../../src/main/adapters/settings/memory-settings-store';
import { createAudiencesModule } from '../../../src/main/core/audiences';
import { createAutopilotModule } from '../../../src/main/core/autopilot';
import { LocalEventBus } from '../../../src/main/core/ports/event-bus';
import type { Stores } from '../../../src/main/core/ports/storage';
import { createSendingModule } from '../../../src/main/core/sending';

const now = Number(process.env.AUTOPILOT_NOW);
const kill = process.env.AUTOPILOT_KILL ?? '';
const storage = new SqliteStorage(openDatabase(process.env.AUTOPILOT_DB ?? ''));
const settings = new MemorySettingsStore();
settings.update({ messageOptions: { ...settings.read().messageOptions, availableHours: { timeZone: 'America/New_York', schedule: Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]) } } });
const clock = { now: () => now };
const sending = createSendingModule({
  storage, settings, clock, events: new LocalEventBus(), audit: () => {},
  carrier: { connect: () => Promise.reject(new Error('no carrier here')) },
});
const autopilot = createAutopilotModule({
  storage, settings, clock, sends: sending.sends,
  audiences: createAudiencesModule({ storage, settings, clock, sends: sending.sends }).audiences,
  businessName: () => Promise.resolve('Sunny Swim'), changed: () => {}, logError: () => {},
});

const die = () => process.kill(process.pid, 'SIGKILL');

async function main(): Promise<void> {
  await sending.ready;
  if (process.env.AUTOPILOT_SETUP === '1') {
    const id = await storage.contacts.create({ kind: 'guardian', firstName: 'Ana', lastName: 'Rivera', familyId: null, email: null, birthday: null, phones: ['+15125550131'] }, now);
    await sending.consent.optIn('+15125550131', 'staff', null);
    await autopilot.workflows.save({ id: null, name: 'Reminder', trigger: { kind: 'weekly', days: ['sun'], time: '10:00' }, audience: { selection: { contactIds: [id] }, pasted: [] }, body: 'Hi {first_name}!', enabled: true }, null);
  }
  if (kill === 'after-queue') {
    const queue = sending.sends.queue.bind(sending.sends);
    sending.sends.queue = async (...args) => {
      await queue(...args);
      die();
      return new Promise(() => {});
    };
  }
  if (kill === 'after-claim') {
    const inTransaction = (storage as unknown as { txStores: Stores }).txStores.autopilot;
    const claim = inTransaction.claim.bind(inTransaction);
    inTransaction.claim = async (run) => {
      await claim(run);
      die();
      return new Promise(() => {});
    };
  }
  await autopilot.runner.runDue();
  process.stdout.write('done\n');
  process.exit(0);
}

void main();
