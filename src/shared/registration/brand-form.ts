import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';
import { businessIndustryValues, businessTypeValues, type BusinessIndustry } from './twilio-values';

/** The choices the form offers come from the one table of Twilio's values. */
export { businessIndustries, businessTypes } from './twilio-values';

/** Industry codes an older version of the form saved; none of them is a value Twilio accepts. */
const legacyIndustries: Record<string, BusinessIndustry | ''> = {
  NON_PROFIT: 'NOT_FOR_PROFIT',
  ENTERTAINMENT: 'MEDIA',
  PROFESSIONAL: '',
  OTHER: '',
};

export const usStates = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME',
  'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI',
  'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

const required = (label: string, max = 100) =>
  z.string().trim().min(1, `Enter the ${label}.`).max(max, `The ${label} can be at most ${max} characters.`);

/** One set of rules for the form and for main: what the screen accepts, main accepts. */
export const brandFormSchema = z
  .object({
    legalName: required('legal business name', 120),
    businessType: z.enum(businessTypeValues, { message: 'Choose the type of business.' }),
    ein: z.string().trim().regex(/^\d{2}-\d{7}$/, 'Enter the EIN as 2 digits, a dash, then 7 digits, e.g. 12-3456789.'),
    industry: z.enum(businessIndustryValues, { message: 'Choose an industry.' }),
    websiteUrl: z
      .string()
      .trim()
      .max(200, 'The website address can be at most 200 characters.')
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
        } catch {
          return false;
        }
      }, 'Enter the full website address, starting with https://'),
    street: required('street address'),
    city: required('city', 60),
    state: z.enum(usStates, { message: 'Choose the state.' }),
    postalCode: z.string().trim().regex(/^\d{5}(-\d{4})?$/, 'Enter a 5-digit ZIP code (or ZIP+4, e.g. 78701-1234).'),
    contactFirstName: required('first name', 60),
    contactLastName: required('last name', 60),
    email: z.string().trim().email('Enter an email address like name@example.com.').max(120),
    phone: z
      .string()
      .trim()
      .max(40, 'Enter a US phone number, e.g. (512) 555-0142.')
      .transform((value, ctx) => {
        const phone = parsePhoneNumberFromString(value, 'US');
        if (!phone || !phone.isValid() || phone.country !== 'US') {
          ctx.addIssue({ code: 'custom', message: 'Enter a US phone number, e.g. (512) 555-0142.' });
          return z.NEVER;
        }
        return phone.number;
      }),
  })
  .strict()
  // Twilio vets a non-profit as NOT_FOR_PROFIT with company type non-profit; any other
  // industry with a non-profit business type is a mismatch the carriers reject.
  .refine((form) => form.businessType !== 'Non-profit Corporation' || form.industry === 'NOT_FOR_PROFIT', {
    path: ['industry'],
    message: 'A non-profit is registered under the industry Non-profit.',
  });

export type BrandFormInput = z.input<typeof brandFormSchema>;
export type BrandFormValues = z.output<typeof brandFormSchema>;

/** Plain-language hints shown under each field. */
export const brandFormHints: Partial<Record<keyof BrandFormInput, string>> = {
  legalName: 'Exactly as it appears on your IRS paperwork (for example your EIN letter).',
  ein: 'Your 9-digit federal Employer Identification Number. It must match the legal name.',
  websiteUrl: 'A public website for your business. Carriers check it.',
  email: 'We send registration updates here.',
  phone: 'A number where the carriers can reach the contact person.',
};

export const emptyBrandForm: BrandFormInput = {
  legalName: '',
  businessType: 'Limited Liability Corporation',
  ein: '',
  industry: 'EDUCATION',
  websiteUrl: '',
  street: '',
  city: '',
  state: 'TX',
  postalCode: '',
  contactFirstName: '',
  contactLastName: '',
  email: '',
  phone: '',
};

/**
 * A form saved earlier, ready to edit again: unknown fields dropped, and an industry an older
 * version saved mapped to Twilio's value (or left empty so the admin chooses again).
 */
export function brandFormFromSaved(saved: Record<string, string> | null): BrandFormInput {
  if (!saved) return emptyBrandForm;
  const form = { ...emptyBrandForm };
  for (const key of Object.keys(form) as (keyof BrandFormInput)[]) {
    if (typeof saved[key] === 'string') form[key] = saved[key] as never;
  }
  if (form.industry in legacyIndustries) form.industry = legacyIndustries[form.industry] as BusinessIndustry;
  return form;
}
