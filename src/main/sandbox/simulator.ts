import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { balanceRoutes } from './balance.ts';
import { brandRoutes } from './brands.ts';
import { campaignRoutes } from './campaigns.ts';
import type { ControlAccess } from './control-access.ts';
import { bootstrap, handleControl, messageSnapshot } from './control.ts';
import type { ControlDeps, MessageSnapshot } from './control.ts';
import { SECONDARY_PROFILE_POLICY } from './evaluate.ts';
import { FaultInjector, faultRuleSchema } from './faults.ts';
import type { FaultRuleInput } from './faults.ts';
import { newSid } from './format.ts';
import { createSimServer } from './http.ts';
import type { Route, SimContext } from './http.ts';
import { injectInbound } from './inbound.ts';
import type { InboundResult } from './inbound.ts';
import { messageRoutes } from './messages.ts';
import { numberRoutes } from './numbers.ts';
import { policyRoutes } from './policies.ts';
import { serviceRoutes } from './services.ts';
import { parseSettingsPatch, simSettingsSchema } from './settings.ts';
import type { SimSettings, SimSettingsInput } from './settings.ts';
import { SimStore, StatePersister } from './store.ts';
import { trusthubBundleRoutes } from './trusthub-bundles.ts';
import { trusthubEntityRoutes } from './trusthub-entities.ts';

export interface SimulatorOptions {
  /** 0 or omitted: any free port. */
  port?: number;
  accountSid: string;
  authToken: string;
  apiKeys?: ReadonlyArray<{ sid: string; secret: string }>;
  mps?: number;
  maxConcurrency?: number;
  /** Other behaviour knobs (rates, delays, EIN outcomes…); see settings.ts. */
  settings?: SimSettingsInput;
  /** JSON file that keeps the account across restarts; written atomically. */
  stateFile?: string;
  /** Base clock, for tests that drive time themselves; the control API can still add offsets. */
  now?: () => number;
  /** Who may use the `/__sim/` control API; closed unless a token or open mode is given (control-access.ts). */
  control?: ControlAccess;
  /**
   * Start the account as an ISV parent: one `twilio-approved` Primary Customer Profile, listable
   * at GET /v1/CustomerProfiles as on Twilio, and registration enforced (`enforceA2p`, unless
   * `settings` says otherwise). Without it the account is bare, like a new Twilio account: no
   * profile, and a secondary profile's evaluation fails for want of a primary one.
   */
  isv?: boolean;
}

export interface SimulatorHandle {
  baseUrl: string;
  stop(): Promise<void>;
}

const routes: readonly Route[] = [
  ...messageRoutes, ...numberRoutes, ...serviceRoutes, ...brandRoutes, ...campaignRoutes, ...trusthubBundleRoutes,
  ...trusthubEntityRoutes, ...policyRoutes, ...balanceRoutes,
];

/**
 * A Twilio-compatible account on 127.0.0.1, for tests, benchmarks and the app's Sandbox mode.
 * Speaks Twilio's paths, form parameters, Basic auth and JSON shapes for the resources SMS Desk
 * uses; see README.md in this folder for the behaviours and the /__sim/ control API.
 */
export class TwilioSimulator {
  private store: SimStore = new SimStore(simSettingsSchema.parse({}));
  private readonly faults = new FaultInjector();
  private server: Server | null = null;
  private persister: StatePersister | null = null;
  private initialSettings: SimSettings = simSettingsSchema.parse({});
  private baseNow: () => number = Date.now;
  private accountSid = '';
  private url = '';
  private isv = false;

  private readonly ctx: SimContext;

  constructor() {
    // Handlers keep this context while reset() and restarts swap the store underneath.
    const store = (): SimStore => this.store;
    const accountSid = (): string => this.accountSid;
    this.ctx = {
      get store() {
        return store();
      },
      get accountSid() {
        return accountSid();
      },
      now: () => this.baseNow() + this.store.clockOffsetMs,
    };
  }

  async start(options: SimulatorOptions): Promise<SimulatorHandle> {
    if (this.server !== null) throw new Error('simulator already started');
    if (!/^AC[0-9a-fA-F]{32}$/.test(options.accountSid)) throw new Error('accountSid must be AC followed by 32 hex digits');
    this.accountSid = options.accountSid;
    this.baseNow = options.now ?? Date.now;
    this.isv = options.isv === true;
    const explicit = { ...(this.isv ? { enforceA2p: true } : {}), ...options.settings, ...(options.mps === undefined ? {} : { mps: options.mps }), ...(options.maxConcurrency === undefined ? {} : { maxConcurrency: options.maxConcurrency }) };
    this.initialSettings = simSettingsSchema.parse(explicit);
    const loaded = options.stateFile === undefined ? null : StatePersister.load(options.stateFile);
    if (loaded !== null) {
      // Flags given at start win over what the file remembers.
      loaded.settings = { ...loaded.settings, ...parseSettingsPatch(explicit) };
      this.store = loaded;
    } else {
      this.resetState();
    }
    if (options.stateFile !== undefined) this.persister = new StatePersister(options.stateFile, () => this.store.toFile());
    const deps = this.controlDeps();
    const server = createSimServer({
      routes, ctx: this.ctx, faults: this.faults,
      creds: { accountSid: options.accountSid, authToken: options.authToken, apiKeys: options.apiKeys ?? [] },
      settings: () => this.store.settings,
      controlAccess: options.control ?? 'closed',
      control: (req) => handleControl(deps, req),
      changed: () => this.persister?.schedule(),
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    this.url = `http://127.0.0.1:${port}`;
    this.persister?.flush();
    return { baseUrl: this.url, stop: () => this.stop() };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.persister?.flush();
    this.persister = null;
  }

  get baseUrl(): string {
    return this.url;
  }

  /** Sid of the seeded, approved primary customer profile an ISV brand flow assigns ('' on a bare account). */
  get primaryCustomerProfileSid(): string {
    for (const b of this.store.bundles.values()) if (b.kind === 'customer_profile' && b.status === 'twilio-approved' && b.submittedAt === null) return b.sid;
    return '';
  }

  injectInbound(input: { from: string; to: string; body: string }): InboundResult {
    const result = injectInbound(this.ctx, input);
    this.persister?.schedule();
    return result;
  }

  /** Every message as the API would show it now, oldest first. */
  messages(): MessageSnapshot[] {
    return messageSnapshot(this.ctx);
  }

  settings(): SimSettings {
    return this.store.settings;
  }

  updateSettings(patch: Partial<SimSettingsInput>): SimSettings {
    this.store.settings = { ...this.store.settings, ...parseSettingsPatch(patch) };
    this.persister?.schedule();
    return this.store.settings;
  }

  addFault(rule: FaultRuleInput): void {
    this.faults.add(faultRuleSchema.parse(rule));
  }

  advanceClock(ms: number): number {
    this.store.clockOffsetMs += ms;
    this.persister?.schedule();
    return this.ctx.now();
  }

  now(): number {
    return this.ctx.now();
  }

  bootstrap(input: { friendlyName?: string; areaCode?: string; numbers?: number } = {}): { messagingServiceSid: string; phoneNumbers: string[] } {
    const result = bootstrap(this.controlDeps(), input);
    this.persister?.schedule();
    return result;
  }

  private controlDeps(): ControlDeps {
    return {
      ctx: this.ctx,
      faults: this.faults,
      baseUrl: () => this.url,
      primaryProfileSid: () => this.primaryCustomerProfileSid,
      reset: () => this.resetState(),
      changed: () => this.persister?.schedule(),
    };
  }

  /** A fresh account: empty, or for an ISV only its approved primary profile, created a month ago. */
  private resetState(): void {
    // Keep the clock offset: simulator time never runs backwards.
    const offset = this.store.clockOffsetMs;
    this.store = new SimStore(this.initialSettings);
    this.store.clockOffsetMs = offset;
    this.faults.clear();
    if (!this.isv) return;
    const created = this.ctx.now() - 30 * 86_400_000;
    const sid = newSid('BU');
    this.store.bundles.set(sid, {
      sid, kind: 'customer_profile', policySid: SECONDARY_PROFILE_POLICY, friendlyName: 'Primary Customer Profile',
      email: 'compliance@example.com', statusCallback: null, status: 'twilio-approved', submittedAt: null, dateCreated: created, dateUpdated: created,
    });
  }
}
