import type { Department, SchoolClass, StructureKind } from '@edumatrix/contracts';
import { ActionIcon, Badge, Button, Code, Group, Menu, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable } from '../ui/DataTable.tsx';
import type { Lookups } from './lookups.ts';

/** Any kind's item: the common fields, and a class's references where the kind has them. */
export type Unit = Department & Partial<Omit<SchoolClass, keyof Department>>;

export type RowActions = {
  onEdit: (unit: Unit) => void;
  onArchive: (unit: Unit, archived: boolean) => void;
  onDelete: (unit: Unit) => void;
};

type Column = {
  label: string;
  render: (unit: Unit) => ReactNode;
  text: (unit: Unit) => string | null;
  /** A card's label when it differs from the column's (a class with a department but no program). */
  cardLabel?: (unit: Unit) => string;
};

/** Short values (a term, a room) read better unbroken; names may wrap. */
function TwoLines({ main, sub, nowrap }: { main: string | null; sub?: string | null; nowrap?: boolean }) {
  if (!main && !sub)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={0} miw={0} style={nowrap ? { whiteSpace: 'nowrap' } : undefined}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {main ?? '—'}
      </Text>
      {sub && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {sub}
        </Text>
      )}
    </Stack>
  );
}

/** The columns beyond name and code, with names in place of ids. */
function columnsOf(kind: StructureKind, lookups: Lookups): Column[] {
  const department = (u: Unit) => lookups.department(u.departmentId)?.name ?? null;
  const column = (label: string, main: (u: Unit) => string | null, sub?: (u: Unit) => string | null, nowrap = false): Column => ({
    label,
    render: (u) => <TwoLines main={main(u)} sub={sub?.(u)} nowrap={nowrap} />,
    text: (u) => {
      const [first, second] = [main(u), sub?.(u)];
      return first && second ? `${first} · ${second}` : (first ?? second ?? null);
    },
  });
  if (kind === 'programs' || kind === 'subjects') return [column('Department', department)];
  if (kind !== 'classes') return [];
  const program = (u: Unit) => lookups.program(u.programId)?.name ?? null;
  const columns = [
    { ...column('Program', program, department), cardLabel: (u: Unit) => (program(u) || !department(u) ? 'Program' : 'Department') },
    column(
      'Year and term',
      (u) => lookups.term(u.termId ?? null)?.term.name ?? (u.academicYearId ? 'Whole year' : null),
      (u) => lookups.year(u.academicYearId)?.name ?? null,
      true,
    ),
  ];
  if (lookups.teachersVisible) {
    columns.push(
      column('Homeroom teacher', (u) =>
        u.homeroomTeacherId ? (lookups.teacher(u.homeroomTeacherId)?.displayName ?? 'Former member') : null,
      ),
    );
  }
  columns.push(
    column(
      'Room',
      (u) => u.room ?? null,
      (u) => (u.capacity ? `${u.capacity} ${u.capacity === 1 ? 'seat' : 'seats'}` : null),
      true,
    ),
  );
  return columns;
}

function Name({ unit }: { unit: Unit }) {
  return (
    <Stack gap={2} miw={0}>
      <Group gap={6} wrap="wrap">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {unit.name}
        </Text>
        {unit.archivedAt && (
          <Badge size="xs" variant="light" color="gray">
            Archived
          </Badge>
        )}
      </Group>
      {unit.description && (
        <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {unit.description}
        </Text>
      )}
    </Stack>
  );
}

function Actions({ unit, actions }: { unit: Unit; actions: RowActions }) {
  // Screen readers hear which unit a button acts on.
  const which = <VisuallyHidden> {unit.name}</VisuallyHidden>;
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" onClick={() => actions.onEdit(unit)}>
        Edit{which}
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${unit.name}`}>
            <Text fw={700} size="lg" lh={1} aria-hidden="true">
              ⋯
            </Text>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => actions.onArchive(unit, !unit.archivedAt)}>{unit.archivedAt ? 'Restore' : 'Archive'}</Menu.Item>
          <Menu.Item color="red" onClick={() => actions.onDelete(unit)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

type Props = { kind: StructureKind; units: Unit[]; lookups: Lookups; actions: RowActions | null };

export function UnitTable({ kind, units, lookups, actions }: Props) {
  return (
    <DataTable
      rows={units}
      rowKey={(u) => u.id}
      minWidth={540}
      columns={[
        { label: 'Name', maw: 260, render: (u) => <Name unit={u} /> },
        { label: 'Code', render: (u) => <Code style={{ whiteSpace: 'nowrap' }}>{u.code}</Code> },
        ...columnsOf(kind, lookups).map((c) => ({ label: c.label, render: c.render })),
        actions && { label: 'Actions', hideLabel: true, w: 1, render: (u: Unit) => <Actions unit={u} actions={actions} /> },
      ]}
    />
  );
}

/** Phones get a card per unit: several columns do not fit 390 pixels. */
export function UnitCards({ kind, units, lookups, actions }: Props) {
  const columns = columnsOf(kind, lookups);
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {units.map((unit) => {
        const details = columns.map((c) => [c.cardLabel?.(unit) ?? c.label, c.text(unit)] as const).filter(([, value]) => value);
        return (
          <Paper component="li" key={unit.id} withBorder radius="md" p="sm" shadow="none">
            <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
              <Name unit={unit} />
              <Code style={{ flexShrink: 0 }}>{unit.code}</Code>
            </Group>
            {details.length > 0 && (
              <Stack gap={2} mt={6}>
                {details.map(([label, value]) => (
                  <Text key={label} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    <Text span c="dimmed" inherit>
                      {label}:
                    </Text>{' '}
                    {value}
                  </Text>
                ))}
              </Stack>
            )}
            {actions && (
              <Group justify="flex-end" mt={4}>
                <Actions unit={unit} actions={actions} />
              </Group>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
