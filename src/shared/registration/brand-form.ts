import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { z } from 'zod';

export const businessTypes = [
  'Sole Proprietorship',
  'Partnership',
  'Limited Liability Corporation',
  'Co-operative',
  'Non-profit Corporation',
  'Corporation',
] as const;

/** The Campaign Registry's industry list, as Twilio names it. */
export const industries = [
  ['EDUCATION', 'Education'],
  ['HEALTHCARE', 'Health and fitness'],
  ['ENTERTAINMENT', 'Entertainment and arts'],
  ['NON_PROFIT', 'Non-profit'],
  ['RETAIL', 'Retail'],
  ['PROFESSIONAL', 'Professional services'],
  ['HOSPITALITY', 'Hospitality'],
  ['OTHER', 'Other'],
] as const;

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
    businessType: z.enum(businessTypes, { message: 'Choose the type of business.' }),
    ein: z.string().trim().regex(/^\d{2}-\d{7}$/, 'Enter the EIN as 2 digits, a dash, then 7 digits, e.g. 12-3456789.'),
    industry: z.enum(industries.map(([value]) => value) as [string, ...string[]], { message: 'Choose an industry.' }),
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
  .strict();

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
