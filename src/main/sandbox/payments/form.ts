import { invalidRequest, parameterInvalid, parameterMissing, unknownParameter } from './errors.ts';

/**
 * Stripe's form bodies (and GET queries) nest with brackets: `metadata[plan]=gold`,
 * `line_items[0][price_data][unit_amount]=500`, `expand[]=payment_intent`. Parsed here into
 * plain objects and arrays the way Stripe reads them; every leaf stays a string.
 */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject { [key: string]: FormValue }

function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0) return [key];
  const parts = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m !== null; m = re.exec(rest)) {
    if (m.index !== consumed) throw invalidRequest(`Invalid parameter name: ${key}`);
    parts.push(m[1] ?? '');
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length) throw invalidRequest(`Invalid parameter name: ${key}`);
  return parts;
}

/** Arrays arrive as `a[0]`, `a[1]` or `a[]`; once read, index keys become a dense array. */
function densify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((k) => [k, densify(value[k] as FormValue)] as const);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k) || k === '')) {
    const numeric = entries.filter(([k]) => k !== '').sort((a, b) => Number(a[0]) - Number(b[0]));
    const appended = (value[''] as FormValue[] | undefined) ?? [];
    return [...numeric.map(([, v]) => v), ...appended.map(densify)];
  }
  return Object.fromEntries(entries);
}

export function parseForm(params: URLSearchParams): FormObject {
  const root: FormObject = {};
  for (const [key, raw] of params) {
    const parts = splitKey(key);
    let node: FormObject = root;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] as string;
      const last = i === parts.length - 1;
      if (part === '') {
        // `expand[]=x`: collect appended values under '' and densify later.
        const list = (node[''] ??= []) as FormValue[];
        if (!last) throw invalidRequest(`Invalid parameter name: ${key}`);
        list.push(raw);
        break;
      }
      if (last) {
        node[part] = raw;
        break;
      }
      const next = node[part];
      if (next === undefined || typeof next === 'string') node[part] = {};
      node = node[part] as FormObject;
    }
  }
  return densify(root) as FormObject;
}

/** Stripe refuses parameters an endpoint does not know: "Received unknown parameter: x". */
export function allowOnly(form: FormObject, allowed: readonly string[], prefix = ''): void {
  for (const key of Object.keys(form)) if (!allowed.includes(key)) throw unknownParameter(`${prefix}${key}`);
}

export function optString(form: FormObject, name: string, label = name): string | undefined {
  const v = form[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw parameterInvalid(label, `Invalid string: ${label} must be a string`, 'parameter_invalid_string');
  return v;
}

export function reqString(form: FormObject, name: string, label = name): string {
  const v = optString(form, name, label);
  if (v === undefined || v === '') throw parameterMissing(label);
  return v;
}

export function optInt(form: FormObject, name: string, label = name): number | undefined {
  const v = optString(form, name, label);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw parameterInvalid(label, `Invalid integer: ${v}`, 'parameter_invalid_integer');
  return Number(v);
}

export function reqInt(form: FormObject, name: string, label = name): number {
  const v = optInt(form, name, label);
  if (v === undefined) throw parameterMissing(label);
  return v;
}

export function optBool(form: FormObject, name: string, label = name): boolean | undefined {
  const v = optString(form, name, label);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw parameterInvalid(label, `Invalid boolean: ${v}`, 'parameter_invalid_boolean');
}

export function optObject(form: FormObject, name: string, label = name): FormObject | undefined {
  const v = form[name];
  if (v === undefined) return undefined;
  if (typeof v === 'string' || Array.isArray(v)) throw parameterInvalid(label, `Invalid object: ${label} must be a hash`);
  return v;
}

export function optList(form: FormObject, name: string, label = name): FormValue[] | undefined {
  const v = form[name];
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw parameterInvalid(label, `Invalid array: ${label} must be an array`, 'parameter_invalid_array');
  return v;
}

/** `metadata[key]=value`; an empty value removes the key, as Stripe does on update. */
export function applyMetadata(current: Record<string, string>, form: FormObject): Record<string, string> {
  const raw = form.metadata;
  if (raw === undefined) return current;
  if (raw === '') return {};
  if (typeof raw === 'string' || Array.isArray(raw)) throw parameterInvalid('metadata', 'Invalid object: metadata must be a hash');
  const next = { ...current };
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string') throw parameterInvalid(`metadata[${k}]`, 'Metadata values must be strings');
    if (v === '') delete next[k];
    else next[k] = v;
  }
  return next;
}

/** `expand[]` as a list of dotted paths. */
export function expandList(form: FormObject): string[] {
  const list = optList(form, 'expand') ?? [];
  return list.map((v, i) => {
    if (typeof v !== 'string') throw parameterInvalid(`expand[${i}]`, 'Invalid string');
    return v;
  });
}
