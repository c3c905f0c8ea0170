import { describe, expect, it } from 'vitest';
import { KNOWN_USECASE_CODES } from '../../../src/main/sandbox/campaigns';
import { BUSINESS_INDUSTRIES, BUSINESS_TYPES, COMPANY_TYPES, refusedAttributes } from '../../../src/main/sandbox/twilio-accepted-values';
import { a2pUseCases, businessIndustryValues, businessTypeValues, companyTypes } from '../../../src/shared/registration/twilio-values';

/**
 * The simulator keeps its own list of what Twilio accepts, written from Twilio's docs; the app
 * keeps another in src/shared/registration. Every value the app can send must be one the
 * simulator (and so Twilio) accepts.
 */
describe("the app's registration values against Twilio's accepted values", () => {
  it('offers only industries, business types and company types Twilio accepts', () => {
    expect(businessIndustryValues.filter((v) => !(BUSINESS_INDUSTRIES as readonly string[]).includes(v))).toEqual([]);
    expect(businessTypeValues.filter((v) => !(BUSINESS_TYPES as readonly string[]).includes(v))).toEqual([]);
    expect(companyTypes.map((c) => c.value).filter((v) => !(COMPANY_TYPES as readonly string[]).includes(v))).toEqual([]);
  });

  it('names only use cases Twilio knows', () => {
    expect(a2pUseCases.map((u) => u.code).filter((code) => !KNOWN_USECASE_CODES.includes(code))).toEqual([]);
  });

  it('refuses values outside the lists, and each part of a comma-separated region list', () => {
    expect(refusedAttributes('customer_profile_business_information', { business_industry: 'NON_PROFIT' })).toEqual(['business_industry: NON_PROFIT']);
    expect(refusedAttributes('customer_profile_business_information', { business_regions_of_operation: 'USA_AND_CANADA,EUROPE' })).toEqual([]);
    expect(refusedAttributes('customer_profile_business_information', { business_regions_of_operation: 'USA_AND_CANADA,MARS' })).toHaveLength(1);
    expect(refusedAttributes('us_a2p_messaging_profile_information', { company_type: 'non-profit' })).toEqual([]);
  });
});
