import type { InstitutionRole, InstitutionType } from '@edumatrix/contracts';
import type { PickOneOption } from '../ui/PickOne.tsx';

export const INSTITUTION_TYPES: { value: InstitutionType; label: string }[] = [
  { value: 'school', label: 'School' },
  { value: 'college', label: 'College' },
  { value: 'university', label: 'University' },
  { value: 'training_center', label: 'Training center' },
  { value: 'other', label: 'Other' },
];

export const typeLabel = (type: InstitutionType) => INSTITUTION_TYPES.find((t) => t.value === type)?.label ?? type;

export const ROLES: { value: InstitutionRole; label: string }[] = [
  { value: 'owner', label: 'Owner' },
  { value: 'admin', label: 'Admin' },
  { value: 'teacher', label: 'Teacher' },
  { value: 'student', label: 'Student' },
  { value: 'staff', label: 'Staff' },
  { value: 'parent', label: 'Parent' },
];

export const roleLabel = (role: InstitutionRole) => ROLES.find((r) => r.value === role)?.label ?? role;

export const canManage = (role: InstitutionRole | undefined) => role === 'owner' || role === 'admin';

/** Only an owner may hand out ownership. */
export const assignableRoles = (myRole: InstitutionRole) => ROLES.filter((r) => r.value !== 'owner' || myRole === 'owner');

export const roleColor: Record<InstitutionRole, string> = {
  owner: 'grape',
  admin: 'indigo',
  teacher: 'teal',
  student: 'blue',
  staff: 'orange',
  parent: 'pink',
};

// biome-ignore format: one row per region reads better
const COUNTRY_CODES = [
  'PK', 'IN', 'BD', 'LK', 'NP', 'AF', 'IR', 'AE', 'SA', 'QA', 'KW', 'OM', 'BH', 'JO', 'EG', 'TR',
  'GB', 'IE', 'FR', 'DE', 'NL', 'BE', 'ES', 'PT', 'IT', 'CH', 'AT', 'SE', 'NO', 'DK', 'FI', 'PL', 'UA', 'RO', 'GR',
  'US', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE',
  'NG', 'KE', 'GH', 'ZA', 'ET', 'TZ', 'UG', 'MA', 'DZ', 'TN',
  'CN', 'JP', 'KR', 'ID', 'MY', 'SG', 'PH', 'TH', 'VN',
  'AU', 'NZ',
];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export const COUNTRIES: PickOneOption[] = COUNTRY_CODES.map((code) => ({
  value: code,
  label: countryName(code),
})).sort((a, b) => a.label.localeCompare(b.label));

export function countryName(code: string): string {
  try {
    return regionNames.of(code) || code;
  } catch {
    // An older institution may hold a code this browser does not know.
    return code;
  }
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The browser's region, when it names one we list, saves most people a choice. */
export function browserCountry(): string | null {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const region = new Intl.Locale(tag).maximize().region;
    if (region && COUNTRY_CODES.includes(region)) return region;
  }
  return null;
}

let timeZones: PickOneOption[] | null = null;

export function timeZoneOptions(): PickOneOption[] {
  if (!timeZones) {
    // Safari before 15.4 has no supportedValuesOf; its users still get their own zone and UTC.
    const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']);
    // Some browsers report their own zone under a name missing from the list (UTC, Asia/Calcutta).
    zones.add(browserTimeZone());
    timeZones = [...zones].sort().map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
  }
  return timeZones;
}

/** Keeps an institution's current value selectable even when our short lists leave it out. */
export function withCurrent(options: PickOneOption[], value: string | null | undefined, label = value): PickOneOption[] {
  if (!value || options.some((o) => o.value === value)) return options;
  return [{ value, label: label ?? value }, ...options];
}
