import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  a2pUseCases, businessIndustries, businessTypes, companyTypeFor, companyTypes, defaultUseCase, industryFor, wordsForUseCase,
} from '../../../src/shared/registration/twilio-values';

/** Twilio's business_industry list ("Create a Secondary Customer Profile"), in Twilio's order. */
const twilioIndustries = [
  'AGRICULTURE', 'AUTOMOTIVE', 'BANKING', 'CONSUMER', 'EDUCATION', 'ELECTRONICS', 'ENERGY', 'ENGINEERING',
  'FAST_MOVING_CONSUMER_GOODS', 'FINANCIAL', 'FINTECH', 'FOOD_AND_BEVERAGE', 'GOVERNMENT', 'HEALTHCARE', 'HOSPITALITY',
  'INSURANCE', 'JEWELRY', 'LEGAL', 'MANUFACTURING', 'MEDIA', 'NOT_FOR_PROFIT', 'OIL_AND_GAS', 'ONLINE', 'RAW_MATERIALS',
  'REAL_ESTATE', 'RELIGION', 'RETAIL', 'TECHNOLOGY', 'TELECOMMUNICATIONS', 'TRANSPORTATION', 'TRAVEL',
];

describe('Twilio registration values', () => {
  it('offers exactly the business_industry values Twilio accepts', () => {
    expect(businessIndustries.map((i) => i.value)).toEqual(twilioIndustries);
  });

  it('offers exactly Twilio business_type and company_type values', () => {
    expect(businessTypes.map((t) => t.value)).toEqual([
      'Sole Proprietorship', 'Partnership', 'Limited Liability Corporation', 'Co-operative', 'Non-profit Corporation', 'Corporation',
    ]);
    expect(companyTypes.map((t) => t.value)).toEqual(['private', 'public', 'non-profit', 'government']);
  });

  it('gives every value a friendly label that is not the wire value', () => {
    for (const choice of [...businessIndustries, ...companyTypes]) {
      expect(choice.label).not.toBe(choice.value);
      expect(choice.label).toMatch(/^[A-Z]/);
    }
  });

  it('registers a non-profit as NOT_FOR_PROFIT with company type non-profit', () => {
    expect(industryFor('Non-profit Corporation', 'EDUCATION')).toBe('NOT_FOR_PROFIT');
    expect(companyTypeFor('Non-profit Corporation', 'NOT_FOR_PROFIT')).toBe('non-profit');
    expect(companyTypeFor('Limited Liability Corporation', 'EDUCATION')).toBe('private');
    expect(companyTypeFor('Corporation', 'GOVERNMENT')).toBe('government');
    expect(industryFor('Limited Liability Corporation', 'EDUCATION')).toBe('EDUCATION');
  });

  it('explains use cases in plain words, Mixed first and the default', () => {
    expect(defaultUseCase).toBe('MIXED');
    expect(a2pUseCases[0].code).toBe('MIXED');
    for (const useCase of a2pUseCases) {
      expect(useCase.help.length).toBeGreaterThan(10);
      expect(useCase.label).not.toMatch(/_/);
    }
    expect(wordsForUseCase('SOMETHING_NEW', 'Something new')).toEqual({ label: 'Something new', help: '' });
  });

  it('only lists use-case codes that Twilio documents for the A2P campaign', () => {
    const spec = readFileSync(resolve(__dirname, '../../fixtures/twilio-openapi/twilio_messaging_v1.json'), 'utf8');
    expect(spec).toContain('us_app_to_person_usecase');
    for (const useCase of a2pUseCases) expect(useCase.code).toMatch(/^[A-Z0-9_]+$/);
  });
});
