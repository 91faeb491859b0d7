// The list pages' desktop table: a header row, one row per item, cells drawn by each column, in a
// container that scrolls sideways rather than squeezing columns. Phones get cards instead.
import { Table, Text, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

export type Column<T> = {
  label: string;
  /** A header only screen readers hear (an actions column). */
  hideLabel?: boolean;
  render(row: T): ReactNode;
  maw?: number;
  w?: number;
};

export function DataTable<T>({
  rows,
  rowKey,
  columns,
  minWidth,
  striped = false,
  onRowClick,
}: {
  rows: T[];
  rowKey: (row: T) => string;
  columns: (Column<T> | false | null | undefined)[];
  minWidth: number;
  striped?: boolean;
  /** For the mouse; a cell should also hold a button or link, the way in for keyboards. */
  onRowClick?: (row: T) => void;
}) {
  const shown = columns.filter((c): c is Column<T> => Boolean(c));
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="xs" highlightOnHover={!striped} striped={striped}>
        <Table.Thead>
          <Table.Tr>
            {shown.map((c) => (
              <Table.Th key={c.label}>{c.hideLabel ? <VisuallyHidden>{c.label}</VisuallyHidden> : c.label}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr
              key={rowKey(row)}
              onClick={onRowClick ? () => onRowClick(row) : undefined}
              style={onRowClick ? { cursor: 'pointer' } : undefined}
            >
              {shown.map((c) => (
                <Table.Td key={c.label} maw={c.maw} w={c.w}>
                  {c.render(row)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** An empty cell, said as a dash. */
export const Dash = () => (
  <Text size="sm" c="dimmed">
    —
  </Text>
);

/** A cell's text that does not wrap (dates, times). */
export const NoWrapText = ({ children }: { children: ReactNode }) => (
  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
    {children}
  </Text>
);

/** A cell's text that wraps anywhere (emails, lists of names), or a dash when empty. */
export const WrapText = ({ children }: { children: string }) =>
  children ? (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {children}
    </Text>
  ) : (
    <Dash />
  );
