// Editing one's social profile, each private field beside the choice of who may see it: the privacy
// settings live with the fields they govern. The server's field errors land on the inputs.
import { DEFAULT_PRIVACY, MAX_PROFILE_TAGS, type Profile, type ProfilePrivacy } from '@edumatrix/contracts';
import { Badge, Button, Flex, Group, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { client } from '../api.ts';
import { applyNestedProblem } from '../courses/form-errors.ts';
import { FormAlert } from '../ui/FormAlert.tsx';
import { focusFirstInvalid, notifySuccess } from '../ui/problem.ts';
import { FIELD_LABELS } from './labels.ts';
import { MarkdownEditor } from './MarkdownEditor.tsx';
import { PrivacySelect } from './PrivacySelect.tsx';
import { socialKeys } from './queries.ts';

type Values = {
  handle: string;
  headline: string;
  bio: string;
  skills: string[];
  interests: string[];
  privacy: ProfilePrivacy;
};

function Row({ children, privacy }: { children: ReactNode; privacy: ReactNode }) {
  return (
    <Flex direction={{ base: 'column', sm: 'row' }} gap={{ base: 6, sm: 'md' }} align={{ base: 'stretch', sm: 'flex-start' }}>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
      {privacy}
    </Flex>
  );
}

export function ProfileForm({ profile }: { profile: Profile }) {
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    initialValues: {
      handle: profile.handle ?? '',
      headline: profile.headline ?? '',
      bio: profile.bio ?? '',
      skills: profile.skills ?? [],
      interests: profile.interests ?? [],
      privacy: { ...DEFAULT_PRIVACY, ...profile.privacy },
    },
    validate: {
      handle: (v) => (v.trim() && !/^[a-zA-Z0-9_]{3,30}$/.test(v.trim()) ? 'Use 3–30 letters, digits or underscores' : null),
      headline: (v) => (v.trim().length > 200 ? 'Keep it under 200 characters' : null),
      bio: (v) => (v.length > 5000 ? 'Keep it under 5,000 characters' : null),
    },
  });

  async function save(values: Values) {
    setFormError(null);
    try {
      const updated = await client.social.updateProfile({
        handle: values.handle.trim() ? values.handle.trim() : null,
        headline: values.headline,
        bio: values.bio,
        skills: values.skills,
        interests: values.interests,
        privacy: values.privacy,
      });
      queryClient.setQueryData(socialKeys.myProfile(), updated);
      void queryClient.invalidateQueries({ queryKey: socialKeys.profiles() });
      form.resetDirty();
      notifySuccess('Your profile was saved.');
    } catch (error) {
      setFormError(applyNestedProblem(form, error));
    }
  }

  const privacy = (field: keyof ProfilePrivacy) => (
    <PrivacySelect field={FIELD_LABELS[field].toLowerCase()} {...form.getInputProps(`privacy.${field}`)} />
  );

  return (
    <form onSubmit={form.onSubmit(save, focusFirstInvalid)} noValidate>
      <Stack gap="lg">
        <TextInput
          label="Handle"
          description="How people @mention you. 3–30 letters, digits or underscores; everyone can see it."
          leftSection="@"
          maxLength={30}
          autoComplete="off"
          {...form.getInputProps('handle')}
        />
        <Row privacy={privacy('headline')}>
          <TextInput label="Headline" placeholder="Physics teacher at Quay School" maxLength={200} {...form.getInputProps('headline')} />
        </Row>
        <Row privacy={privacy('bio')}>
          <MarkdownEditor label="About" max={5000} minRows={4} {...form.getInputProps('bio')} />
        </Row>
        <Row privacy={privacy('skills')}>
          <TagsInput
            label="Skills"
            description="Press Enter after each"
            maxTags={MAX_PROFILE_TAGS}
            clearable
            {...form.getInputProps('skills')}
          />
        </Row>
        <Row privacy={privacy('interests')}>
          <TagsInput
            label="Interests"
            description="Press Enter after each"
            maxTags={MAX_PROFILE_TAGS}
            clearable
            {...form.getInputProps('interests')}
          />
        </Row>
        <Row privacy={privacy('affiliations')}>
          <Text size="sm" fw={500}>
            Institutions
          </Text>
          <Text size="xs" c="dimmed" mb={6}>
            Taken from your memberships, so they are always verified.
          </Text>
          {profile.affiliations?.length ? (
            <Group gap="xs">
              {profile.affiliations.map((a) => (
                <Badge key={a.institutionId} variant="outline" tt="none" leftSection="✓">
                  {a.name} · {a.role}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              You are not a member of any institution yet.
            </Text>
          )}
        </Row>
        <Row privacy={privacy('presence')}>
          <Text size="sm" fw={500}>
            Online status
          </Text>
          <Text size="xs" c="dimmed">
            Whether you are online now and when you were last here. People who may not see it see you as offline.
          </Text>
        </Row>
        <FormAlert message={formError} />
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting} disabled={!form.isDirty()}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
