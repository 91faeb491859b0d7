import type { StaffMember } from '@edumatrix/contracts';
import { ActionIcon, Badge, Button, Code, Group, Menu, Paper, Stack, Text, VisuallyHidden } from '@mantine/core';
import { DataTable, WrapText } from '../ui/DataTable.tsx';
import { fullName, kindLabel, sortName } from './labels.ts';

export type StaffActions = {
  onEdit: (member: StaffMember) => void;
  onArchive: (member: StaffMember, archived: boolean) => void;
  onDelete: (member: StaffMember) => void;
};

type Props = { staff: StaffMember[]; department: (id: string | null) => string | null; actions: StaffActions | null };

function Name({ member }: { member: StaffMember }) {
  return (
    <Stack gap={2} miw={0}>
      <Group gap={6} wrap="wrap">
        <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
          {sortName(member)}
        </Text>
        {member.archivedAt && (
          <Badge size="xs" variant="light" color="gray">
            Archived
          </Badge>
        )}
      </Group>
      {member.title && (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {member.title}
        </Text>
      )}
    </Stack>
  );
}

function KindBadge({ member }: { member: StaffMember }) {
  return (
    <Badge size="sm" variant="light" color={member.kind === 'teacher' ? 'teal' : 'orange'} style={{ flexShrink: 0 }}>
      {kindLabel(member.kind)}
    </Badge>
  );
}

function Actions({ member, actions }: { member: StaffMember; actions: StaffActions }) {
  const name = fullName(member);
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      <Button size="compact-sm" variant="subtle" onClick={() => actions.onEdit(member)}>
        Edit<VisuallyHidden> {name}</VisuallyHidden>
      </Button>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${name}`}>
            <Text fw={700} size="lg" lh={1} aria-hidden="true">
              ⋯
            </Text>
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => actions.onArchive(member, !member.archivedAt)}>{member.archivedAt ? 'Restore' : 'Archive'}</Menu.Item>
          <Menu.Item color="red" onClick={() => actions.onDelete(member)}>
            Delete
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

export function StaffTable({ staff, department, actions }: Props) {
  return (
    <DataTable
      rows={staff}
      rowKey={(m) => m.id}
      minWidth={600}
      columns={[
        { label: 'Name', maw: 260, render: (m) => <Name member={m} /> },
        { label: 'Number', render: (m) => <Code style={{ whiteSpace: 'nowrap' }}>{m.staffNumber}</Code> },
        { label: 'Kind', render: (m) => <KindBadge member={m} /> },
        { label: 'Department', render: (m) => <WrapText>{department(m.departmentId) ?? ''}</WrapText> },
        { label: 'Email', maw: 240, render: (m) => <WrapText>{m.email ?? ''}</WrapText> },
        actions && { label: 'Actions', hideLabel: true, w: 1, render: (m) => <Actions member={m} actions={actions} /> },
      ]}
    />
  );
}

export function StaffCards({ staff, department, actions }: Props) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {staff.map((member) => (
        <Paper component="li" key={member.id} withBorder radius="md" p="sm" shadow="none">
          <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
            <Name member={member} />
            <KindBadge member={member} />
          </Group>
          <Stack gap={2} mt={6}>
            <Text size="sm">
              <Text span c="dimmed" inherit>
                Number:
              </Text>{' '}
              {member.staffNumber}
            </Text>
            {department(member.departmentId) && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span c="dimmed" inherit>
                  Department:
                </Text>{' '}
                {department(member.departmentId)}
              </Text>
            )}
            {member.email && (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                <Text span c="dimmed" inherit>
                  Email:
                </Text>{' '}
                {member.email}
              </Text>
            )}
          </Stack>
          {actions && (
            <Group justify="flex-end" mt={4}>
              <Actions member={member} actions={actions} />
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
