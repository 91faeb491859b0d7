import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMemo } from 'react';
import { PickOne } from '../ui/PickOne.tsx';
import { COUNTRIES, countryName, INSTITUTION_TYPES, timeZoneOptions, withCurrent } from './options.ts';

export type InstitutionBasics = {
  name: string;
  slug: string;
  type: string | null;
  country: string | null;
  timezone: string | null;
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const basicsValidation = {
  name: (value: string) => (value.trim().length >= 2 ? null : 'Use at least 2 characters'),
  slug: (value: string) =>
    value.length < 3 ? 'Use at least 3 characters' : SLUG_PATTERN.test(value) ? null : 'Use lowercase letters, digits and single hyphens',
  type: (value: string | null) => (value ? null : 'Choose a type'),
  country: (value: string | null) => (value ? null : 'Choose a country'),
  timezone: (value: string | null) => (value ? null : 'Choose a time zone'),
};

type Props<T extends InstitutionBasics> = {
  form: UseFormReturnType<T>;
  /** Called when the person types a slug themselves, so we stop suggesting one. */
  onSlugEdited?: () => void;
};

export function InstitutionBasicsFields<T extends InstitutionBasics>({ form, onSlugEdited }: Props<T>) {
  // The form is generic over extra fields; these five are always present.
  const basics = form as unknown as UseFormReturnType<InstitutionBasics>;
  const values = basics.getValues();
  const countries = useMemo(
    () => withCurrent(COUNTRIES, values.country, values.country ? countryName(values.country) : undefined),
    [values.country],
  );
  const zones = useMemo(() => withCurrent(timeZoneOptions(), values.timezone), [values.timezone]);
  const slugProps = basics.getInputProps('slug');

  return (
    <>
      <TextInput label="Name" required maxLength={120} autoComplete="organization" {...basics.getInputProps('name')} />
      <TextInput
        label="Slug"
        required
        maxLength={48}
        description="Used in web addresses: lowercase letters, digits and hyphens"
        autoCapitalize="none"
        spellCheck={false}
        {...slugProps}
        onChange={(event) => {
          onSlugEdited?.();
          slugProps.onChange(event.currentTarget.value.toLowerCase());
        }}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <PickOne label="Type" required data={INSTITUTION_TYPES} {...basics.getInputProps('type')} />
        <PickOne label="Country" required data={countries} autoComplete="off" {...basics.getInputProps('country')} />
        <PickOne label="Time zone" required data={zones} autoComplete="off" {...basics.getInputProps('timezone')} />
      </SimpleGrid>
    </>
  );
}
