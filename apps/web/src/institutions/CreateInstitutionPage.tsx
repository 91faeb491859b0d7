import type { CreateInstitutionBody } from '@edumatrix/contracts';
import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { client } from '../api.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { applyProblem, focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { basicsValidation, type InstitutionBasics, InstitutionBasicsFields } from './InstitutionBasicsFields.tsx';
import { browserCountry, browserTimeZone } from './options.ts';
import { institutionKeys } from './queries.ts';
import { suggestSlug } from './slug.ts';

export function CreateInstitutionPage() {
  usePageTitle('New institution');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const slugTouched = useRef(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<InstitutionBasics>({
    initialValues: { name: '', slug: '', type: null, country: browserCountry(), timezone: browserTimeZone() },
    validate: basicsValidation,
    onValuesChange(values, previous) {
      if (values.name !== previous.name && !slugTouched.current) form.setFieldValue('slug', suggestSlug(values.name));
    },
  });

  async function create(values: InstitutionBasics) {
    setFormError(null);
    try {
      const institution = await client.institutions.create({
        name: values.name.trim(),
        slug: values.slug,
        type: values.type as CreateInstitutionBody['type'],
        country: values.country ?? '',
        timezone: values.timezone ?? '',
      });
      queryClient.setQueryData(institutionKeys.one(institution.id), institution);
      await queryClient.invalidateQueries({ queryKey: institutionKeys.list() });
      notifySuccess(`${institution.name} is ready. Invite your colleagues next.`, 'Institution created');
      await navigate(`/institutions/${institution.id}`);
    } catch (error) {
      setFormError(applyProblem(form, error));
    }
  }

  return (
    <Stack maw={720} gap="lg">
      <div>
        <Title order={1}>New institution</Title>
        <Text c="dimmed" size="sm">
          Create a home for your school, college, university or training center. You will be its owner.
        </Text>
      </div>
      <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }}>
        <form onSubmit={form.onSubmit(create, focusFirstInvalid)} noValidate>
          <Stack>
            <InstitutionBasicsFields
              form={form}
              onSlugEdited={() => {
                slugTouched.current = true;
              }}
            />
            <FormAlert message={formError} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => navigate('/')}>
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting}>
                Create institution
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}
