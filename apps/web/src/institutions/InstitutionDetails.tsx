import type { Institution } from '@edumatrix/contracts';
import { Anchor, DataList, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatDate } from '../ui/format.ts';
import { countryName, roleLabel, typeLabel } from './options.ts';

export function InstitutionDetails({ institution }: { institution: Institution }) {
  const rows: [string, ReactNode][] = [
    ['Type', typeLabel(institution.type)],
    ['Country', `${countryName(institution.country)} (${institution.country})`],
    ['Time zone', institution.timezone],
    ['Your role', roleLabel(institution.myRole)],
    ['Slug', institution.slug],
    ['Created', formatDate(institution.createdAt)],
  ];
  if (institution.website) {
    rows.push([
      'Website',
      <Anchor key="website" href={institution.website} target="_blank" rel="noopener noreferrer">
        {institution.website}
      </Anchor>,
    ]);
  }
  if (institution.contactEmail) {
    rows.push([
      'Contact',
      <Anchor key="mail" href={`mailto:${institution.contactEmail}`}>
        {institution.contactEmail}
      </Anchor>,
    ]);
  }
  if (institution.phone) rows.push(['Phone', institution.phone]);
  if (institution.address)
    rows.push([
      'Address',
      <Text key="address" inherit style={{ whiteSpace: 'pre-line' }}>
        {institution.address}
      </Text>,
    ]);

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby="institution-about">
      <Title order={2} size="h4" mb="sm" id="institution-about">
        About
      </Title>
      {institution.description && (
        <Text mb="md" style={{ whiteSpace: 'pre-line' }}>
          {institution.description}
        </Text>
      )}
      <DataList orientation="horizontal" labelWidth={110} gap="xs">
        {rows.map(([label, value]) => (
          <DataList.Item key={label}>
            <DataList.ItemLabel>{label}</DataList.ItemLabel>
            <DataList.ItemValue style={{ overflowWrap: 'anywhere' }}>{value}</DataList.ItemValue>
          </DataList.Item>
        ))}
      </DataList>
    </Paper>
  );
}
