import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { brandFormFromSaved, brandFormSchema, emptyBrandForm, usStates } from '../../../src/shared/registration/brand-form';
import { businessIndustries } from '../../../src/shared/registration/twilio-values';

const valid = {
  ...emptyBrandForm,
  legalName: 'Tumble Town Gymnastics LLC',
  ein: '12-3456789',
  websiteUrl: 'https://tumbletown.example.com',
  street: '100 Main St',
  city: 'Austin',
  postalCode: '78701',
  contactFirstName: 'Dana',
  contactLastName: 'Rivera',
  email: 'dana@tumbletown.example.com',
  phone: '(512) 555-0142',
};

const errorFor = (patch: Partial<typeof valid>) => {
  const parsed = brandFormSchema.safeParse({ ...valid, ...patch });
  return parsed.success ? null : parsed.error.issues[0]?.message;
};

describe('brand form', () => {
  it('accepts a complete form and normalises the phone to E.164', () => {
    expect(brandFormSchema.parse(valid).phone).toBe('+15125550142');
  });

  it('requires every field', () => {
    for (const key of Object.keys(valid) as (keyof typeof valid)[]) {
      expect(errorFor({ [key]: '' }), key).toBeTruthy();
    }
  });

  it('explains each rule in plain words', () => {
    expect(errorFor({ ein: '123456789' })).toMatch(/2 digits, a dash, then 7 digits/);
    expect(errorFor({ postalCode: '7870' })).toMatch(/5-digit ZIP/);
    expect(errorFor({ websiteUrl: 'tumbletown' })).toMatch(/https:\/\//);
    expect(errorFor({ email: 'dana' })).toMatch(/email address/);
    expect(errorFor({ phone: '+44 20 7946 0958' })).toMatch(/US phone number/);
    expect(errorFor({ state: 'ZZ' as never })).toMatch(/state/);
  });

  it('accepts every EIN of the form NN-NNNNNNN and refuses every other shape', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{2}-\d{7}$/), (ein) => errorFor({ ein }) === null),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }).filter((s) => !/^\s*\d{2}-\d{7}\s*$/.test(s)), (ein) => Boolean(errorFor({ ein }))),
    );
  });

  it('accepts ZIP and ZIP+4 only', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{5}(-\d{4})?$/), (postalCode) => errorFor({ postalCode }) === null));
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }).filter((s) => !/^\s*\d{5}(-\d{4})?\s*$/.test(s)), (postalCode) => Boolean(errorFor({ postalCode }))),
    );
  });

  it('knows all 50 states and DC', () => {
    expect(usStates).toHaveLength(51);
    expect(usStates).toContain('DC');
  });

  it('refuses unknown fields and oversized values', () => {
    expect(brandFormSchema.safeParse({ ...valid, extra: 'x' }).success).toBe(false);
    expect(errorFor({ legalName: 'x'.repeat(10_000) })).toMatch(/at most/);
  });

  it('accepts only Twilio business_industry values and sends them unchanged', () => {
    for (const { value } of businessIndustries) {
      if (value === 'NOT_FOR_PROFIT') continue;
      expect(brandFormSchema.parse({ ...valid, industry: value }).industry).toBe(value);
    }
    for (const old of ['NON_PROFIT', 'ENTERTAINMENT', 'PROFESSIONAL', 'OTHER', 'education']) {
      expect(errorFor({ industry: old as never })).toMatch(/industry/);
    }
  });

  it('registers a non-profit under the industry Non-profit', () => {
    expect(errorFor({ businessType: 'Non-profit Corporation', industry: 'EDUCATION' })).toMatch(/non-profit is registered under the industry Non-profit/);
    expect(brandFormSchema.parse({ ...valid, businessType: 'Non-profit Corporation', industry: 'NOT_FOR_PROFIT' }).industry).toBe('NOT_FOR_PROFIT');
  });

  it('reopens a saved form, mapping industries an older version saved', () => {
    expect(brandFormFromSaved(null)).toEqual(emptyBrandForm);
    expect(brandFormFromSaved({ ...valid, industry: 'NON_PROFIT', stray: 'x' }).industry).toBe('NOT_FOR_PROFIT');
    expect(brandFormFromSaved({ ...valid, industry: 'OTHER' }).industry).toBe('');
    expect(brandFormFromSaved({ ...valid, phone: '+15125550142' }).phone).toBe('+15125550142');
    expect(brandFormFromSaved({ ...valid })).not.toHaveProperty('stray');
  });
});
