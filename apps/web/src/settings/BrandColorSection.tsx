import { contrastRatio, type Institution, MIN_BRAND_CONTRAST } from '@edumatrix/contracts';
import { Anchor, Badge, Button, ColorInput, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { client } from '../api.ts';
import { institutionKeys } from '../institutions/queries.ts';
import { errorMessage, notifySuccess, problemOf } from '../ui/problem.ts';
import { BrandScope } from './BrandScope.tsx';

const SWATCHES = ['#1864ab', '#0b7285', '#087f5b', '#2b8a3e', '#5f3dc4', '#862e9c', '#a61e4d', '#c92a2a', '#d9480f', '#212529'];
const isHex = (value: string) => /^#[0-9a-fA-F]{6}$/.test(value);

/** Picks the brand colour, previews it on real components, and says why a pale one is refused. */
export function BrandColorSection({ institution }: { institution: Institution }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(institution.brandColor ?? '');
  const save = useMutation({
    mutationFn: (brandColor: string | null) => client.institutions.update(institution.id, { brandColor }),
    onSuccess: (updated) => {
      queryClient.setQueryData(institutionKeys.one(institution.id), updated);
      setValue(updated.brandColor ?? '');
      notifySuccess(updated.brandColor ? 'The brand colour is applied.' : 'Back to the default colour.');
    },
  });

  const valid = isHex(value);
  const ratio = valid ? contrastRatio(value, '#ffffff') : null;
  const tooPale = ratio !== null && ratio < MIN_BRAND_CONTRAST;
  const serverError = save.isError ? (problemOf(save.error)?.errors?.find((e) => e.field === 'brandColor')?.message ?? null) : null;
  const error = tooPale
    ? `Too light for white text (${ratio.toFixed(1)}:1; needs ${MIN_BRAND_CONTRAST}:1). Choose a darker colour.`
    : serverError
      ? `Brand colour ${serverError}`
      : save.isError
        ? errorMessage(save.error)
        : value && !valid
          ? 'Enter a colour such as #1c7ed6'
          : null;
  const unchanged = value.toLowerCase() === (institution.brandColor ?? '');

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg" wrap="wrap">
        <ColorInput
          label="Brand colour"
          description="Buttons, links and highlights in this institution's pages."
          placeholder="Default (indigo)"
          format="hex"
          swatches={SWATCHES}
          swatchesPerRow={10}
          value={value}
          onChange={(next) => {
            save.reset();
            setValue(next);
          }}
          error={error}
          style={{ flex: '1 1 240px', maxWidth: 360 }}
        />
        <Paper withBorder p="md" radius="md" style={{ flex: '1 1 240px' }} aria-label="Preview" component="section">
          <Text size="xs" c="dimmed" mb="xs">
            Preview{ratio !== null ? ` · contrast with white ${ratio.toFixed(1)}:1` : ''}
          </Text>
          <BrandScope color={valid ? value.toLowerCase() : null}>
            <Group gap="sm">
              <Button size="xs" data-testid="brand-preview-button" tabIndex={-1}>
                Save
              </Button>
              <Badge>Badge</Badge>
              <Anchor size="sm" component="span">
                A link
              </Anchor>
            </Group>
          </BrandScope>
        </Paper>
      </Group>
      <Group gap="xs">
        <Button onClick={() => save.mutate(value.toLowerCase())} disabled={!valid || tooPale || unchanged} loading={save.isPending}>
          Save colour
        </Button>
        {institution.brandColor && (
          <Button variant="default" onClick={() => save.mutate(null)} disabled={save.isPending}>
            Use the default colour
          </Button>
        )}
      </Group>
    </Stack>
  );
}
