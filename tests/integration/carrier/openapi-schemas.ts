import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';

/**
 * Loads Twilio's official OpenAPI files and turns their response schemas into Ajv validators.
 * OpenAPI 3.0's `nullable` is rewritten into JSON Schema, `x-twilio` extensions are dropped.
 * The files live in the repository (tests/fixtures/twilio-openapi, with their licence) so a fresh
 * clone runs this test; TWILIO_OPENAPI_DIR points at newer definitions to compare against.
 */
export const OPENAPI_DIR = process.env['TWILIO_OPENAPI_DIR'] ?? path.resolve(__dirname, '../../fixtures/twilio-openapi');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface Spec {
  id: string;
  doc: JsonObject;
  paths: Array<{ template: string; regex: RegExp; literal: number; ops: JsonObject }>;
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function toJsonSchema(node: Json): Json {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  // Twilio's oneOf variants nest (us_app_to_person_v2 is us_app_to_person plus two fields), so
  // every v2 answer also matches v1 and a strict oneOf could never pass: read it as anyOf.
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('x-') && k !== 'nullable' && k !== 'example' && k !== 'examples') out[k === 'oneOf' ? 'anyOf' : k] = toJsonSchema(v);
  if (node['nullable'] !== true) return out;
  if (typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
  if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
  if (typeof out['$ref'] === 'string') return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
  return out;
}

function loadSpec(file: string, id: string): Spec {
  const doc = JSON.parse(readFileSync(path.join(OPENAPI_DIR, file), 'utf8')) as JsonObject;
  const paths = Object.entries(doc['paths'] as JsonObject).map(([template, ops]) => {
    const pattern = template.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+');
    return { template, regex: new RegExp(`^${pattern}$`), literal: template.replace(/\{[^}]+\}/g, '').length, ops: ops as JsonObject };
  });
  return { id, doc, paths };
}

export class TwilioSchemas {
  readonly specs: Spec[] = [loadSpec('twilio_api_v2010.json', 'api'), loadSpec('twilio_messaging_v1.json', 'messaging'), loadSpec('twilio_trusthub_v1.json', 'trusthub')];
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor() {
    const rfc2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;
    this.ajv.addFormat('date-time-rfc-2822', rfc2822);
    this.ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    this.ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
    // Twilio marks relative URIs (`first_page_uri`) with format uri too.
    this.ajv.addFormat('uri', /^(https:\/\/[a-z.]+\.twilio\.com\/|https?:\/\/|\/)/);
    // Twilio also tags display forms such as friendly_name "(512) 555-0100" as phone-number.
    this.ajv.addFormat('phone-number', /^\+?[\d\s().-]{7,20}$/);
    this.ajv.addFormat('http-method', /^(GET|POST|PUT|DELETE|HEAD)$/);
    this.ajv.addFormat('iso-country-code', /^[A-Z]{2}$/);
    this.ajv.addFormat('currency', /^[A-Z]{3}$/);
    for (const name of ['int64', 'int32', 'uri-map', 'phone-number-capabilities', 'endpoint', 'twiml', 'ice-server']) this.ajv.addFormat(name, true);
    for (const spec of this.specs) this.ajv.addSchema({ $id: spec.id, components: toJsonSchema(spec.doc['components'] ?? {}) });
  }

  /** The OpenAPI operation for a concrete request path, preferring the most literal template. */
  operation(method: string, requestPath: string): { spec: Spec; template: string; op: JsonObject } | null {
    let best: { spec: Spec; template: string; op: JsonObject; literal: number } | null = null;
    for (const spec of this.specs) {
      for (const p of spec.paths) {
        const op = p.ops[method.toLowerCase()];
        if (!p.regex.test(requestPath) || !isObject(op)) continue;
        if (best === null || p.literal > best.literal) best = { spec, template: p.template, op, literal: p.literal };
      }
    }
    return best;
  }

  /** The raw (OpenAPI) response schema and a validator for it, or null when none is declared. */
  response(method: string, requestPath: string, status: number): { schema: Json; validate: ValidateFunction; template: string } | null {
    const found = this.operation(method, requestPath);
    if (found === null) return null;
    const responses = found.op['responses'];
    const response = isObject(responses) ? responses[String(status)] : undefined;
    const content = isObject(response) ? response['content'] : undefined;
    const json = isObject(content) ? content['application/json'] : undefined;
    const schema = isObject(json) ? json['schema'] : undefined;
    if (schema === undefined) return null;
    const key = `${found.spec.id} ${method} ${found.template} ${status}`;
    let validate = this.cache.get(key);
    if (validate === undefined) {
      const rewritten = JSON.parse(JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', `"${found.spec.id}#/components/`)) as JsonObject;
      validate = this.ajv.compile(rewritten);
      this.cache.set(key, validate);
    }
    return { schema, validate, template: found.template };
  }

  private resolve(spec: Spec, node: Json): Json {
    if (isObject(node) && typeof node['$ref'] === 'string') {
      const name = node['$ref'].replace('#/components/schemas/', '');
      const schemas = (spec.doc['components'] as JsonObject)['schemas'] as JsonObject;
      return this.resolve(spec, schemas[name] ?? null);
    }
    return node;
  }

  /**
   * Properties the schema lists that the value lacks, and properties the value has that the
   * schema does not list, walking nested objects and arrays.
   */
  shapeProblems(method: string, requestPath: string, raw: Json, value: unknown, at = '$'): string[] {
    const found = this.operation(method, requestPath);
    if (found === null) return [`${at}: no operation`];
    const schema = this.resolve(found.spec, raw);
    if (!isObject(schema) || value === null || value === undefined) return [];
    const variants = schema['oneOf'] ?? schema['anyOf'];
    if (Array.isArray(variants)) {
      // The closest variant decides: a v2 answer is judged against the v2 shape, all of it.
      const each = variants.map((v) => this.shapeProblems(method, requestPath, v, value, at));
      return each.reduce((best, p) => (p.length < best.length ? p : best), each[0] ?? []);
    }
    const problems: string[] = [];
    const props = schema['properties'];
    if (isObject(props) && typeof value === 'object' && !Array.isArray(value)) {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(props)) {
        if (!(key in record)) problems.push(`${at}.${key} missing`);
        else problems.push(...this.shapeProblems(method, requestPath, props[key] ?? null, record[key], `${at}.${key}`));
      }
      for (const key of Object.keys(record)) if (!(key in props)) problems.push(`${at}.${key} not in schema`);
    }
    const items = schema['items'];
    if (items !== undefined && Array.isArray(value)) value.forEach((v, i) => problems.push(...this.shapeProblems(method, requestPath, items, v, `${at}[${i}]`)));
    return problems;
  }
}
