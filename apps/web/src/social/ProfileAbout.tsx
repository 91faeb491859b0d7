// A profile's About (Markdown bio), skills and interests: whichever of them the viewer may see.
import type { Profile } from '@edumatrix/contracts';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { PostBody } from './PostBody.tsx';

function Tags({ label, field, values }: { label: string; field: string; values: string[] }) {
  return (
    <div data-field={field}>
      <Text size="sm" fw={600} mb={6}>
        {label}
      </Text>
      <Group gap={6}>
        {values.map((v) => (
          <Badge key={v} variant="light" color="gray" tt="none">
            {v}
          </Badge>
        ))}
      </Group>
    </div>
  );
}

export function ProfileAbout({ profile }: { profile: Profile }) {
  const bio = profile.bio?.trim();
  const skills = profile.skills ?? [];
  const interests = profile.interests ?? [];
  if (!bio && skills.length === 0 && interests.length === 0) return null;
  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="profile-about">
      <Title order={2} size="h4" mb="sm" id="profile-about">
        About
      </Title>
      <Stack gap="md">
        {bio && (
          <div data-field="bio">
            <PostBody text={bio} />
          </div>
        )}
        {skills.length > 0 && <Tags label="Skills" field="skills" values={skills} />}
        {interests.length > 0 && <Tags label="Interests" field="interests" values={interests} />}
      </Stack>
    </Paper>
  );
}
