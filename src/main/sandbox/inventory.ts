import { hash32 } from './format.ts';
import type { SimStore } from './store.ts';

/**
 * Numbers Twilio would offer per US area code. Stock is derived from the area code, so it is the
 * same after a restart, minus what this account already bought. Area codes listed in
 * `emptyAreaCodes` (999 by default) and ones that cannot exist have none.
 */
export interface AvailableEntry {
  phoneNumber: string;
  locality: string | null;
  region: string | null;
  postalCode: string | null;
  latitude: number | null;
  longitude: number | null;
  rateCenter: string | null;
  lata: string | null;
}

interface Place {
  locality: string;
  region: string;
  postalCode: string;
  latitude: number;
  longitude: number;
  lata: string;
}

const PLACES: Readonly<Record<string, Place>> = {
  '206': { locality: 'Seattle', region: 'WA', postalCode: '98101', latitude: 47.61, longitude: -122.33, lata: '674' },
  '212': { locality: 'New York', region: 'NY', postalCode: '10001', latitude: 40.75, longitude: -73.99, lata: '132' },
  '303': { locality: 'Denver', region: 'CO', postalCode: '80202', latitude: 39.75, longitude: -104.99, lata: '656' },
  '312': { locality: 'Chicago', region: 'IL', postalCode: '60601', latitude: 41.88, longitude: -87.62, lata: '358' },
  '415': { locality: 'San Francisco', region: 'CA', postalCode: '94103', latitude: 37.77, longitude: -122.41, lata: '722' },
  '512': { locality: 'Austin', region: 'TX', postalCode: '78701', latitude: 30.27, longitude: -97.74, lata: '558' },
  '617': { locality: 'Boston', region: 'MA', postalCode: '02108', latitude: 42.36, longitude: -71.06, lata: '128' },
  '808': { locality: 'Hilo', region: 'HI', postalCode: '96720', latitude: 19.72, longitude: -155.09, lata: '834' },
};

export function validAreaCode(areaCode: string): boolean {
  return /^[2-9]\d{2}$/.test(areaCode) && areaCode !== '555';
}

export function inventory(areaCode: string, store: SimStore): AvailableEntry[] {
  const settings = store.settings;
  if (!validAreaCode(areaCode) || settings.emptyAreaCodes.includes(areaCode)) return [];
  const owned = new Set([...store.numbers.values()].map((n) => n.phoneNumber));
  const place = PLACES[areaCode];
  const out: AvailableEntry[] = [];
  for (let i = 0; i < settings.numbersPerAreaCode; i++) {
    const h = hash32(`${areaCode}:${i}`);
    const exchange = 200 + (h % 800);
    if (exchange === 555) continue;
    const line = String(hash32(`${areaCode}:${i}:line`) % 10_000).padStart(4, '0');
    const phoneNumber = `+1${areaCode}${exchange}${line}`;
    if (owned.has(phoneNumber) || out.some((e) => e.phoneNumber === phoneNumber)) continue;
    out.push({
      phoneNumber,
      locality: place?.locality ?? null,
      region: place?.region ?? null,
      postalCode: place?.postalCode ?? null,
      latitude: place?.latitude ?? null,
      longitude: place?.longitude ?? null,
      rateCenter: place ? place.locality.toUpperCase().replace(/\s+/g, ' ') : null,
      lata: place?.lata ?? null,
    });
  }
  return out;
}
