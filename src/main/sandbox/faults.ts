import { z } from 'zod';

/**
 * Injected failures for the next N matching API requests, to exercise retry and reconciliation:
 * - `http_error`: answer with a 5xx. `when: 'after'` processes the request first (the message
 *   exists but the client sees an error), `'before'` refuses it untouched.
 * - `slow`: hold the answer `delayMs`; `'after'` processes first, so a client timeout is in doubt.
 *   `'before'` holds the request and then applies it: a late arrival, after a client that gave up
 *   has already looked for it (with `listLagMs` its list entry can come later still).
 * - `reset`: destroy the connection without an answer; `'after'` means the message was accepted
 *   and stored (the classic "did it send?" case), `'before'` means it was not.
 * - `when: 'later'` (`http_error`, `reset`): the client gets the error at once and the request is
 *   applied `delayMs` afterwards, as when a gateway gives up while the carrier keeps working.
 */
export const faultRuleSchema = z.object({
  kind: z.enum(['http_error', 'slow', 'reset']),
  count: z.number().int().positive().default(1),
  status: z.number().int().min(500).max(599).default(500),
  delayMs: z.number().int().min(0).max(600_000).default(0),
  when: z.enum(['before', 'after', 'later']).default('after'),
  /** Only requests with this method / whose path contains this text are affected. */
  method: z.enum(['GET', 'POST', 'DELETE']).optional(),
  pathIncludes: z.string().optional(),
});
export type FaultRule = z.infer<typeof faultRuleSchema>;
export type FaultRuleInput = z.input<typeof faultRuleSchema>;

export class FaultInjector {
  private rules: FaultRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  pending(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The first rule matching this request, consuming one of its uses. */
  take(method: string, path: string): FaultRule | null {
    const index = this.rules.findIndex(
      (r) => (r.method === undefined || r.method === method) && (r.pathIncludes === undefined || path.includes(r.pathIncludes)),
    );
    if (index < 0) return null;
    const rule = this.rules[index];
    if (rule === undefined) return null;
    rule.count -= 1;
    if (rule.count <= 0) this.rules.splice(index, 1);
    return { ...rule };
  }
}
