import type { Institution, InstitutionType, UpdateInstitutionBody } from '@edumatrix/contracts';
import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { basicsValidation, type InstitutionBasics, InstitutionBasicsFields } from './InstitutionBasicsFields.tsx';
import { institutionKeys } from './queries.ts';

type SettingsValues = InstitutionBasics & {
  description: string;
  website: string;
  contactEmail: string;
  phone: string;
  address: string;
};

const OPTIONAL_TEXT = ['description', 'website', 'contactEmail', 'phone', 'address'] as const;

function valuesOf(institution: Institution): SettingsValues {
  return {
    name: institution.name,
    slug: institution.slug,
    type: institution.type,
    country: institution.country,
    timezone: institution.timezone,
    description: institution.description ?? '',
    website: institution.website ?? '',
    contactEmail: institution.contactEmail ?? '',
    phone: institution.phone ?? '',
    address: institution.address ?? '',
  };
}

/** "school.edu.pk" is what people type; the server wants a full URL. */
const withScheme = (url: string) => (url && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? `https://${url}` : url);

function isUrl(value: string) {
  try {
    new URL(withScheme(value.trim()));
    return true;
  } catch {
    return false;
  }
}

/** Sends only what changed, so the audit log records what someone actually edited. */
function changes(values: SettingsValues, institution: Institution): UpdateInstitutionBody {
  const body: UpdateInstitutionBody = {};
  const name = values.name.trim();
  if (name !== institution.name) body.name = name;
  if (values.slug !== institution.slug) body.slug = values.slug;
  if (values.type && values.type !== institution.type) body.type = values.type as InstitutionType;
  if (values.country && values.country !== institution.country) body.country = values.country;
  if (values.timezone && values.timezone !== institution.timezone) body.timezone = values.timezone;
  for (const field of OPTIONAL_TEXT) {
    const trimmed = values[field].trim();
    const next = trimmed === '' ? null : field === 'website' ? withScheme(trimmed) : trimmed;
    if (next !== institution[field]) body[field] = next;
  }
  return body;
}

export function InstitutionSettingsForm({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SettingsValues>({
    initialValues: valuesOf(institution),
    validate: {
      ...basicsValidation,
      website: (value) => (!value.trim() || isUrl(value) ? null : 'Enter a web address such as https://school.edu'),
      contactEmail: (value) => (!value.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter a valid email address'),
    },
  });

  async function save(values: SettingsValues) {
    setFormError(null);
    const body = changes(values, institution);
    if (Object.keys(body).length === 0) return;
    try {
      const updated = await client.institutions.update(institution.id, body);
      queryClient.setQueryData(institutionKeys.one(institution.id), updated);
      await queryClient.invalidateQueries({ queryKey: institutionKeys.list() });
      form.setValues(valuesOf(updated));
      form.resetDirty(valuesOf(updated));
      notifySuccess('The institution settings were saved.');
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack>
        <InstitutionBasicsFields form={form} />
        <Textarea label="Description" autosize minRows={3} maxRows={10} maxLength={2000} {...form.getInputProps('description')} />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          <TextInput label="Website" type="url" placeholder="https://" {...form.getInputProps('website')} />
          <TextInput label="Contact email" type="email" {...form.getInputProps('contactEmail')} />
          <TextInput label="Phone" type="tel" autoComplete="tel" maxLength={40} {...form.getInputProps('phone')} />
        </SimpleGrid>
        <Textarea label="Address" autosize minRows={2} maxLength={500} {...form.getInputProps('address')} />
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button variant="default" disabled={!form.isDirty()} onClick={() => form.reset()}>
            Discard
          </Button>
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
